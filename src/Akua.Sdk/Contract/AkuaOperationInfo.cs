namespace Akua.Sdk.Contract;

/// <summary>
/// What the document says of one operation: its id, method and path, the headers it takes, the
/// rules of its parameters and body, and the statuses it answers with. Instances are generated
/// into <c>Generated/Contract.g.cs</c> (<c>AkuaOperations</c>).
/// </summary>
internal sealed class AkuaOperationInfo
{
    public AkuaOperationInfo(
        string operationId,
        string tag,
        string method,
        string pathTemplate,
        AkuaValueRule[] pathParameters,
        AkuaValueRule[] queryParameters,
        AkuaValueRule? workspaceContext,
        AkuaValueRule? idempotencyKey,
        AkuaValueRule? ifMatch,
        Func<AkuaSchemaRules>? requestSchema,
        bool requestBodyRequired,
        int[] statuses,
        bool requiresAuthentication)
    {
        OperationId = operationId;
        Tag = tag;
        Method = HttpMethod.Parse(method);
        PathTemplate = pathTemplate;
        PathParameters = pathParameters;
        QueryParameters = queryParameters;
        WorkspaceContext = workspaceContext;
        IdempotencyKey = idempotencyKey;
        IfMatch = ifMatch;
        RequestSchema = requestSchema;
        RequestBodyRequired = requestBodyRequired;
        Statuses = statuses;
        RequiresAuthentication = requiresAuthentication;
        Name = DisplayName(operationId);
    }

    /// <summary>The operation id, such as <c>offers.create</c>.</summary>
    public string OperationId { get; }

    /// <summary>The name of its activity, such as <c>Akua.Offers.Create</c>.</summary>
    public string Name { get; }

    /// <summary>The document's tag, such as <c>Offers</c>.</summary>
    public string Tag { get; }

    public HttpMethod Method { get; }

    /// <summary>The path relative to the base address, such as <c>offers/{id}:archive</c>.</summary>
    public string PathTemplate { get; }

    public IReadOnlyList<AkuaValueRule> PathParameters { get; }

    public IReadOnlyList<AkuaValueRule> QueryParameters { get; }

    /// <summary>The <c>akua-context</c> header's rule, when the operation takes it.</summary>
    public AkuaValueRule? WorkspaceContext { get; }

    /// <summary>The <c>idempotency-key</c> header's rule, when the operation takes it.</summary>
    public AkuaValueRule? IdempotencyKey { get; }

    /// <summary>The <c>if-match</c> header's rule, when the operation takes it.</summary>
    public AkuaValueRule? IfMatch { get; }

    /// <summary>The body's schema, when the operation takes a JSON body.</summary>
    public Func<AkuaSchemaRules>? RequestSchema { get; }

    public bool RequestBodyRequired { get; }

    /// <summary>Every status the document lists for the operation.</summary>
    public IReadOnlyList<int> Statuses { get; }

    /// <summary>False for operations that answer anonymous callers too.</summary>
    public bool RequiresAuthentication { get; }

    /// <summary>The operation changes state and takes an idempotency key, so retrying it is safe with one.</summary>
    public bool IsWrite => IdempotencyKey is not null;

    public override string ToString() => OperationId;

    private static string DisplayName(string operationId)
    {
        var parts = operationId.Split('.');
        return "Akua." + string.Join('.', parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
