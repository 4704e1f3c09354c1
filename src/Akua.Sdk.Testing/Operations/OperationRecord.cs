using System.Text.Json.Serialization;

namespace Akua.Sdk.Testing;

/// <summary>
/// A stored long-running operation. It runs until <see cref="SettlesAt"/> on the emulator's clock,
/// then succeeds (or fails, when a fault asked for it); <see cref="Completion"/> wakes the long polls
/// of <c>operations.wait</c> the moment it ends. Read and written under the store's lock.
/// </summary>
internal sealed class OperationRecord : IStoredRecord
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }

    /// <summary>The workspaces that may read it besides its own (the seller's, for a customer's install).</summary>
    public required HashSet<string> VisibleTo { get; init; }
    public required long Sequence { get; init; }
    public required OperationOwnerType OwnerType { get; init; }
    public required string OwnerId { get; init; }
    public required string Kind { get; init; }
    public required string IdempotencyKey { get; init; }
    public required Dictionary<string, string> Metadata { get; init; }
    public required string[] StepNames { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset SettlesAt { get; init; }
    public required string HtmlUrl { get; init; }

    /// <summary>The failure a fault set for it; null when it is to succeed.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>Does the work once it settles successfully and returns the operation's <c>response</c>.</summary>
    public required Func<OperationRecord, Dictionary<string, string>> Succeed { get; init; }

    /// <summary>Runs when it ends without succeeding (failed or cancelled).</summary>
    public Action<OperationRecord>? Failed { get; init; }

    public ITimer? Timer { get; set; }
    public OperationState State { get; private set; } = OperationState.Running;
    public DateTimeOffset? CompletedAt { get; private set; }
    public Dictionary<string, string>? Response { get; private set; }
    public string? ErrorMessage { get; private set; }

    /// <summary>The step that failed or was running when it was cancelled, by index.</summary>
    private int? _stoppedAt;

    public string Etag => State.Value;

    public bool IsTerminal => State != OperationState.Running;

    /// <summary>Completes when the operation reaches a terminal state.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Ends the operation as its plan says (success, or the injected failure).</summary>
    public void Settle(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return;
        }

        if (FailureMessage is { } message)
        {
            End(OperationState.Failed, now, message);
            return;
        }

        Response = Succeed(this);
        Response["type"] = Kind;
        End(OperationState.Succeeded, now, null);
    }

    public void Cancel(DateTimeOffset now) => End(OperationState.Cancelled, now, "The operation was cancelled.");

    private void End(OperationState state, DateTimeOffset now, string? error)
    {
        State = state;
        CompletedAt = now;
        ErrorMessage = error;
        if (state != OperationState.Succeeded)
        {
            // It stops in the step it had reached: half way through.
            _stoppedAt = StepNames.Length / 2;
            Failed?.Invoke(this);
        }

        Timer?.Dispose();
        Timer = null;
        _completion.TrySetResult();
    }

    public OperationBody ToModel(bool withSteps) => new()
    {
        Id = Id,
        WorkspaceId = WorkspaceId,
        OwnerType = OwnerType.Value,
        OwnerId = OwnerId,
        State = State.Value,
        Done = IsTerminal,
        HtmlUrl = HtmlUrl,
        Metadata = Metadata,
        Response = Response,
        Error = ErrorMessage is null ? null : new OperationError { Message = ErrorMessage },
        LastError = State == OperationState.Failed ? new OperationStepFailure { Message = ErrorMessage!, StepName = StepNames[_stoppedAt!.Value] } : null,
        StartedAt = StartedAt.ToUnixTimeSeconds(),
        CompletedAt = CompletedAt?.ToUnixTimeSeconds(),
        Steps = withSteps ? [.. StepNames.Select((name, index) => Step(name, index))] : null,
    };

    private OperationStep Step(string name, int index)
    {
        var status = State == OperationState.Succeeded ? OperationStepStatus.Completed
            : State == OperationState.Running ? (index == 0 ? OperationStepStatus.Running : OperationStepStatus.Pending)
            : index < _stoppedAt ? OperationStepStatus.Completed
            : index == _stoppedAt ? OperationStepStatus.Failed
            : OperationStepStatus.Skipped;
        var finished = status == OperationStepStatus.Completed || status == OperationStepStatus.Failed;
        return new OperationStep
        {
            Name = name,
            Status = status,
            ExecutionType = OperationStepExecutionType.System,
            StartedAt = StartedAt,
            CompletedAt = finished ? CompletedAt ?? StartedAt : null,
            ErrorMessage = status == OperationStepStatus.Failed ? ErrorMessage : null,
            Retryable = false,
            Skippable = false,
        };
    }
}

/// <summary>The <c>Operation</c> on the wire; <c>metadata</c> and <c>response</c> are the kind's flat string fields.</summary>
internal sealed class OperationBody
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("workspace_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? WorkspaceId { get; set; }

    [JsonPropertyName("organization_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? OrganizationId { get; set; }

    [JsonPropertyName("owner_type")]
    public string OwnerType { get; set; } = "";

    [JsonPropertyName("owner_id")]
    public string OwnerId { get; set; } = "";

    [JsonPropertyName("parent_operation_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ParentOperationId { get; set; }

    [JsonPropertyName("state")]
    public string State { get; set; } = "";

    [JsonPropertyName("done")]
    public bool Done { get; set; }

    [JsonPropertyName("html_url")]
    public string HtmlUrl { get; set; } = "";

    [JsonPropertyName("metadata")]
    public Dictionary<string, string> Metadata { get; set; } = [];

    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Dictionary<string, string>? Response { get; set; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public OperationError? Error { get; set; }

    [JsonPropertyName("last_error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public OperationStepFailure? LastError { get; set; }

    [JsonPropertyName("started_at")]
    public long StartedAt { get; set; }

    [JsonPropertyName("completed_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? CompletedAt { get; set; }

    /// <summary>Only <c>operations.get</c> (and the answers that return one operation) carry the steps.</summary>
    [JsonPropertyName("steps")]
    public List<OperationStep>? Steps { get; set; }
}
