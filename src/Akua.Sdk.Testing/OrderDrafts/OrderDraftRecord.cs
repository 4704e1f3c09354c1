using System.Globalization;
using System.Text.Json;

namespace Akua.Sdk.Testing;

/// <summary>A stored order draft: one customer's way through an offer's wizard.</summary>
internal sealed class OrderDraftRecord : IStoredRecord
{
    public required string Id { get; init; }
    public required string OfferId { get; init; }

    /// <summary>The seller's workspace (the offer's), which lists and reads the draft.</summary>
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required string CustomerEmail { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset TtlExpiresAt { get; init; }
    public OrderDraftStatus Status { get; set; } = OrderDraftStatus.Auth;
    public OrderDraftTerminationReason? TerminationReason { get; set; }
    public string? UserId { get; set; }

    /// <summary>The customer's workspace the install goes to.</summary>
    public string? CustomerWorkspaceId { get; set; }
    public string? ClusterId { get; set; }
    public bool ClusterReady { get; set; }
    public bool ServerJoined { get; set; }
    public bool PaymentCompleted { get; set; }
    public Dictionary<string, JsonElement>? FieldValues { get; set; }
    public List<CheckoutSessionRecord> CheckoutSessions { get; } = [];
    public string? InstallOperationId { get; set; }
    public OrderSummary? Order { get; set; }
    public OrderDeliverySummary? Delivery { get; set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; } = 1;

    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    public bool IsTerminal => Status == OrderDraftStatus.Done || Status == OrderDraftStatus.Terminated;

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    /// <summary>The draft; sellers never see the customer's <c>field_values</c>.</summary>
    public OrderDraft ToModel(bool seller)
    {
        var current = CheckoutSessions.Count > 0 && CheckoutSessions[^1].State == CheckoutSessionStatus.Open ? CheckoutSessions[^1] : null;
        return new OrderDraft
        {
            Id = Id,
            OfferId = OfferId,
            Status = Status,
            TerminationReason = TerminationReason,
            UserId = UserId,
            CustomerEmail = CustomerEmail,
            WorkspaceId = CustomerWorkspaceId,
            ClusterId = ClusterId,
            ClusterReady = ClusterReady,
            ServerJoined = ServerJoined,
            PaymentCompleted = PaymentCompleted,
            CurrentCheckoutSession = current is null ? null : new CurrentCheckoutSession
            {
                StripeEnvironment = StripeEnvironment.Sandbox,
                Id = current.Id,
                DraftRevision = current.DraftRevision,
                Url = current.Url,
                ExpiresAt = current.ExpiresAt,
            },
            InstallOperationId = InstallOperationId,
            Order = Order,
            Delivery = Delivery,
            FieldValues = seller ? null : FieldValues,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            Etag = Etag,
            TtlExpiresAt = TtlExpiresAt,
        };
    }
}

/// <summary>A stored checkout session of a draft (the emulator's stand-in for Stripe Checkout, in its sandbox).</summary>
internal sealed class CheckoutSessionRecord : IStoredRecord
{
    public required string Id { get; init; }
    public required string OrderDraftId { get; init; }
    public required string WorkspaceId { get; init; }
    public required long Sequence { get; init; }
    public required string EtagAtMint { get; init; }
    public required int DraftRevision { get; init; }
    public required string StripeCheckoutSessionId { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public CheckoutSessionStatus State { get; set; } = CheckoutSessionStatus.Open;
    public DateTimeOffset UpdatedAt { get; set; }

    public string Etag => State.Value;

    public CheckoutSession ToModel() => new()
    {
        Id = Id,
        StripeEnvironment = StripeEnvironment.Sandbox,
        OrderDraftId = OrderDraftId,
        OrderDraftEtagAtMint = EtagAtMint,
        State = State,
        Url = Url,
        ExpiresAt = ExpiresAt,
        StripeCheckoutSessionId = StripeCheckoutSessionId,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
