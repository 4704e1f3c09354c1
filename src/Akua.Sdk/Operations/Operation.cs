using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Serialization;

namespace Akua.Sdk;

// The generated Operation keeps `metadata` and `response` as raw JSON: they are open unions told
// apart by `type`, and a kind newer than this SDK must still read. These accessors type the kinds
// this SDK starts or waits on; any other kind stays readable through Metadata and Response.
public partial class Operation
{
    private object? _metadata;
    private object? _response;

    /// <summary>The operation's kind, its metadata's <c>type</c>, such as <c>package.create</c>; null when the metadata has none.</summary>
    public string? Kind =>
        Metadata.ValueKind == JsonValueKind.Object && Metadata.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    private static bool IsOfKind(JsonElement value, string kind) =>
        value.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(kind);

    /// <summary>True once the operation succeeded, failed or was cancelled.</summary>
    public bool IsTerminal => Done || State == OperationState.Succeeded || State == OperationState.Failed || State == OperationState.Cancelled;

    /// <summary>What a package build was asked to do, when this operation builds a package.</summary>
    public PackageCreateOperationMetadata? PackageCreateMetadata => Typed(Metadata, ref _metadata, "package.create", AkuaJsonContext.Default.PackageCreateOperationMetadata);

    /// <summary>What a package build made, once it succeeded.</summary>
    public PackageCreateOperationResponse? PackageCreateResponse => Typed(Response, ref _response, "package.create", AkuaJsonContext.Default.PackageCreateOperationResponse);

    /// <summary>What an install's creation was asked to do, when this operation creates an install.</summary>
    public InstallCreateOperationMetadata? InstallCreateMetadata => Typed(Metadata, ref _metadata, "install.create", AkuaJsonContext.Default.InstallCreateOperationMetadata);

    /// <summary>The install an install's creation made, once it succeeded.</summary>
    public InstallCreateOperationResponse? InstallCreateResponse => Typed(Response, ref _response, "install.create", AkuaJsonContext.Default.InstallCreateOperationResponse);

    /// <summary>What an install's render was asked to do, when this operation renders an install.</summary>
    public InstallRenderOperationMetadata? InstallRenderMetadata => Typed(Metadata, ref _metadata, "install.render", AkuaJsonContext.Default.InstallRenderOperationMetadata);

    /// <summary>What an install's render made, once it succeeded.</summary>
    public InstallRenderOperationResponse? InstallRenderResponse => Typed(Response, ref _response, "install.render", AkuaJsonContext.Default.InstallRenderOperationResponse);

    /// <summary>What an install's deletion was asked to do, when this operation deletes an install.</summary>
    public InstallDeleteOperationMetadata? InstallDeleteMetadata => Typed(Metadata, ref _metadata, "install.delete", AkuaJsonContext.Default.InstallDeleteOperationMetadata);

    /// <summary>What an install's deletion did, once it succeeded.</summary>
    public InstallDeleteOperationResponse? InstallDeleteResponse => Typed(Response, ref _response, "install.delete", AkuaJsonContext.Default.InstallDeleteOperationResponse);

    private T? Typed<T>(JsonElement? value, ref object? cache, string kind, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (cache is T typed)
        {
            return typed;
        }

        // Each union value says what it is by its own `type`: a response of another kind than the
        // metadata's (or one with no type) is not this kind's, and stays raw.
        if (value is not { ValueKind: JsonValueKind.Object } json || !IsOfKind(json, kind))
        {
            return null;
        }

        try
        {
            var read = json.Deserialize(typeInfo);
            cache = read;
            return read;
        }
        catch (JsonException exception)
        {
            throw new AkuaInvalidResponseException($"Akua operation {Id} of kind {kind} has a body that is not a valid {typeof(T).Name}: {AkuaHeaders.Sanitize(exception.Message, 400)}", GetRawResponse()?.StatusCode ?? 200, GetRawResponse()?.RequestId, exception);
        }
    }
}
