using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Serialization;


namespace Akua.Sdk.Tests.Models;

/// <summary>
/// What <see cref="AkuaModelFactory"/> builds is what the API could send: each model, written as the
/// API writes it (nulls included), reads back through the SDK's own reader and its required checks.
/// </summary>
public sealed class ModelFactoryTests
{
    [Fact]
    public void Every_factory_model_passes_the_readers_checks()
    {
        Assert.Equal("pkg_1", Checked(AkuaModelFactory.Package("pkg_1")).Id);
        Assert.Equal(["replicas"], Checked(AkuaModelFactory.PackageVersion(inputSchemaJson: """{"properties":{"replicas":{"type":"integer"}}}""")).InputSchema["properties"].EnumerateObject().Select(p => p.Name));
        Assert.Equal(OperationState.Running, Checked(AkuaModelFactory.Operation()).State);
        Assert.Equal(OrderDraftStatus.Payment, Checked(AkuaModelFactory.OrderDraft(status: OrderDraftStatus.Payment)).Status);
        Assert.Equal(InstallState.Healthy, Checked(AkuaModelFactory.Install()).State);
    }

    [Fact]
    public void A_factory_operation_is_done_once_terminal_and_typed_by_its_unions()
    {
        var operation = AkuaModelFactory.Operation(
            state: OperationState.Succeeded,
            metadataJson: """{"type":"install.create","idempotency_key":"k","workspace_id":"ws_1"}""",
            responseJson: """{"type":"install.create","install_id":"inst_1"}""");

        Assert.True(operation.IsTerminal);
        Assert.Equal("install.create", operation.Kind);
        Assert.Equal("inst_1", operation.InstallCreateResponse?.InstallId);
    }

    [Fact]
    public void Bad_json_names_the_parameter()
    {
        Assert.Equal("metadataJson", Assert.Throws<ArgumentException>(() => AkuaModelFactory.Operation(metadataJson: "{")).ParamName);
        Assert.Equal("inputSchemaJson", Assert.Throws<ArgumentException>(() => AkuaModelFactory.PackageVersion(inputSchemaJson: "[]")).ParamName);
    }

    [Fact]
    public async Task A_long_running_operation_for_a_mocked_client_waits_through_it_and_reads_its_result()
    {
        var operations = new ScriptedOperations(AkuaModelFactory.Operation("op_1", OperationState.Succeeded));
        var built = AkuaModelFactory.Package("pkg_built");
        var operation = AkuaModelFactory.LongRunningOperation(AkuaModelFactory.Operation("op_1"), operations, (_, _) => Task.FromResult(built));

        Assert.False(operation.HasCompleted);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
        Assert.Same(built, await operation.WaitForCompletionAsync());
        Assert.True(operation.HasCompleted);
        Assert.Equal(["wait op_1"], operations.Calls);
    }

    [Fact]
    public async Task A_long_running_operation_that_failed_throws_with_its_error()
    {
        var failed = AkuaModelFactory.Operation("op_1", OperationState.Failed, error: new OperationError { Message = "chart not found" });
        var operation = AkuaModelFactory.LongRunningOperation<Package>(failed, new ScriptedOperations(failed), (_, _) => throw new InvalidOperationException("never read"));

        var error = await Assert.ThrowsAsync<AkuaOperationFailedException>(() => operation.WaitForCompletionAsync());

        Assert.Equal("op_1", error.OperationId);
        Assert.Equal("chart not found", error.Error?.Message);
    }

    // The API writes a required property that has no value as an explicit null.
    private static readonly JsonSerializerOptions AsTheApiWrites = new(AkuaJsonContext.Default.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Writes a model as the API would and reads it back through the SDK's reader.</summary>
    private static T Checked<T>(T model)
    {
        var json = JsonSerializer.Serialize(model, (JsonTypeInfo<T>)AsTheApiWrites.GetTypeInfo(typeof(T)));
        return JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)AkuaJsonContext.Default.GetTypeInfo(typeof(T))!)!;
    }

    /// <summary>A hand-written IOperationsClient, as a test in a user's code base would mock it.</summary>
    private sealed class ScriptedOperations(Operation next) : IOperationsClient
    {
        public List<string> Calls { get; } = [];

        public Task<Operation> GetAsync(string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) => Answer("get", operationId);

        public Task<AkuaPage<Operation>> ListPageAsync(ListOperationsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<Operation> ListAsync(ListOperationsOptions? query = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Operation> WaitAsync(string operationId, TimeSpan? serverTimeout = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) => Answer("wait", operationId);

        public Task<Operation> WaitForCompletionAsync(string operationId, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) => Answer("wait", operationId);

        public Task<Operation> CancelAsync(string operationId, string? etag = null, AkuaRequestOptions? options = null, CancellationToken cancellationToken = default) => Answer("cancel", operationId);

        private Task<Operation> Answer(string call, string operationId)
        {
            Calls.Add($"{call} {operationId}");
            return Task.FromResult(next);
        }
    }
}
