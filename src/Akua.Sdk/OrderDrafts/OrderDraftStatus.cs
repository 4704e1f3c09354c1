namespace Akua.Sdk;

public readonly partial struct OrderDraftStatus
{
    /// <summary>True for <see cref="Done"/> and <see cref="Terminated"/>: the draft will not move again.</summary>
    public bool IsTerminal => this == Done || this == Terminated;
}
