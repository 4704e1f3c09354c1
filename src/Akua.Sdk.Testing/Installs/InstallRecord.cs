using System.Globalization;

namespace Akua.Sdk.Testing;

/// <summary>A stored install: it lives in the customer's workspace, and the seller whose offer it came from can read it.</summary>
internal sealed class InstallRecord : IStoredRecord
{
    public required string Id { get; init; }
    public required string WorkspaceId { get; init; }
    public required string CustomerWorkspaceName { get; init; }
    public required string SellerWorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClusterId { get; init; }
    public string? ProductId { get; init; }
    public required string PackageVersionId { get; init; }
    public InstallState State { get; private set; } = InstallState.Pending;
    public bool Reconciling { get; private set; } = true;
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; } = 1;

    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a workspace may read it: the customer's own, or the seller's.</summary>
    public bool IsVisibleIn(string? workspace) => workspace == WorkspaceId || workspace == SellerWorkspaceId;

    public void Become(InstallState state, DateTimeOffset now)
    {
        State = state;
        Reconciling = state == InstallState.Pending || state == InstallState.Syncing;
        UpdatedAt = now;
        Version++;
    }

    public Install ToModel(Uri origin) => new()
    {
        Id = Id,
        HtmlUrl = new Uri(origin, $"installs/{Uri.EscapeDataString(Id)}").AbsoluteUri,
        WorkspaceId = WorkspaceId,
        CustomerWorkspace = new InstallCustomerWorkspace { Id = WorkspaceId, Name = CustomerWorkspaceName },
        ClusterId = ClusterId,
        ProductId = ProductId,
        PackageVersionId = PackageVersionId,
        State = State,
        Reconciling = Reconciling,
        Urls = [],
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Etag = Etag,
    };

    /// <summary>The live status, as a GitOps controller would report it once the install has synced.</summary>
    public InstallStatus ToStatus()
    {
        var synced = State == InstallState.Healthy;
        var failed = State == InstallState.Failed;
        return new InstallStatus
        {
            InstallId = Id,
            Health = synced ? "Healthy" : failed ? "Degraded" : "Progressing",
            Sync = synced ? "Synced" : "OutOfSync",
            Revision = synced ? "1" : null,
            Resources = synced ? [] : null,
            OperationPhase = synced ? "Succeeded" : failed ? "Failed" : "Running",
            UpdatedAt = UpdatedAt,
            State = State,
            Reconciling = Reconciling,
        };
    }
}
