using Akua.Sdk.Contract;

namespace Akua.Sdk;

// The generated CreateOfferRequest (Generated/Models.g.cs) with the limits of 0.1.0's hand-written
// type as public constants, taken from the document's rules.
public partial class CreateOfferRequest
{
    /// <summary>Most allowed emails one offer can carry.</summary>
    public const int MaxAllowedEmails = CreateOfferRequestRules.AllowedEmailsMaxItems;

    /// <summary>Longest <see cref="Notes"/> and <see cref="InternalNote"/>, in characters (Unicode code points).</summary>
    public const int MaxNoteLength = CreateOfferRequestRules.NotesMaxLength;

    /// <summary>Longest <see cref="Tier"/>, in characters (Unicode code points).</summary>
    public const int MaxTierLength = CreateOfferRequestRules.TierMaxLength;

    /// <summary>Longest <see cref="OrderTtlMinutes"/>: one day.</summary>
    public const int MaxOrderTtlMinutes = CreateOfferRequestRules.OrderTtlMinutesMaximum;
}
