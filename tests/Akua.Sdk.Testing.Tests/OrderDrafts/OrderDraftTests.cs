namespace Akua.Sdk.Testing.Tests.OrderDrafts;

/// <summary>The emulator playing the customer (SimulateOrderDraft, AdvanceOrderDraft) and the seller's Order Drafts operations.</summary>
public sealed class OrderDraftTests
{
    private const string Schema = """{"type":"object","required":["size"],"properties":{"size":{"enum":["s","m","l"]},"replicas":{"type":"integer","minimum":1}}}""";

    private static readonly OrderDraftStatus[] Phases =
    [
        OrderDraftStatus.Auth, OrderDraftStatus.Workspace, OrderDraftStatus.Compute, OrderDraftStatus.ComputeBootstrap,
        OrderDraftStatus.Configure, OrderDraftStatus.Payment, OrderDraftStatus.Install, OrderDraftStatus.Done,
    ];

    [Fact]
    public async Task A_draft_goes_through_every_phase_and_the_offer_counts_the_redemption()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;
        var offer = await journey.NewOffer(Schema, new CreateOfferRequest
        {
            MaxUses = 1,
            AllowedEmails = ["ana@example.com"],
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["size"] = new() { Value = System.Text.Json.JsonDocument.Parse("\"m\"").RootElement, Locked = true } },
        });

        var id = journey.Emulator.SimulateOrderDraft(offer.Id, "Ana@Example.com");
        var seen = new List<OrderDraft> { await akua.OrderDrafts.GetAsync(id) };
        for (var i = 1; i < Phases.Length; i++)
        {
            journey.Emulator.AdvanceOrderDraft(id);
            seen.Add(await akua.OrderDrafts.GetAsync(id));
        }

        Assert.Equal(Phases, seen.Select(d => d.Status));
        Assert.Equal(seen.Count, seen.Select(d => d.Etag).Distinct().Count());
        Assert.All(seen, d => Assert.Null(d.FieldValues));
        var done = seen[^1];
        Assert.True(done.Status.IsTerminal);
        Assert.True(done.PaymentCompleted && done.ClusterReady && done.ServerJoined);
        Assert.Equal("Ana@Example.com", done.CustomerEmail);
        Assert.NotNull(done.UserId);
        Assert.NotNull(done.WorkspaceId);
        Assert.Equal(OrderStatus.Delivered, done.Order!.Status);
        Assert.Equal(OrderDeliveryStatus.Succeeded, done.Delivery!.Status);
        Assert.Equal(done.InstallOperationId, done.Delivery.InstallOperationId);

        var operation = await akua.Operations.GetAsync(done.InstallOperationId!);
        Assert.Equal("install.create", operation.Kind);
        Assert.Equal(OperationState.Succeeded, operation.State);
        Assert.Equal(done.Delivery.InstallId, operation.InstallCreateResponse!.InstallId);
        var install = await akua.Installs.GetAsync(done.Delivery.InstallId!);
        Assert.Equal(InstallState.Healthy, install.State);
        Assert.Equal(offer.ProductId, install.ProductId);
        Assert.Equal(offer.PackageVersionId, install.PackageVersionId);

        var redeemed = await akua.Offers.GetAsync(offer.Id);
        Assert.Equal(1, redeemed.UsedCount);
        Assert.Equal(OfferStatus.Redeemed, redeemed.Status);
        Assert.NotEqual(offer.Etag, redeemed.Etag);
        Assert.Throws<InvalidOperationException>(() => journey.Emulator.AdvanceOrderDraft(id));
    }

    [Fact]
    public async Task The_customer_sees_the_configuration_the_seller_does_not()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(Schema);
        var id = journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
        for (var i = 0; i < 4; i++)
        {
            journey.Emulator.AdvanceOrderDraft(id);
        }

        var customer = journey.Emulator.AdvanceOrderDraft(id, """{"size":"l","replicas":2}""");
        var seller = await journey.Api.Get("order_drafts/" + id);
        var list = await journey.Api.Get("order_drafts?offer=" + offer.Id);

        Assert.Equal(OrderDraftStatus.Payment, customer.Status);
        Assert.Equal("l", customer.FieldValues!["size"].GetString());
        Assert.False(seller.Json.TryGetProperty("field_values", out _));
        Assert.False(list.Json.GetProperty("data")[0].TryGetProperty("field_values", out _));
        Assert.Equal(customer.CurrentCheckoutSession!.Id, seller.Json.GetProperty("current_checkout_session").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_configuration_is_judged_by_the_input_schema_and_locked_values_stay()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(Schema, new CreateOfferRequest
        {
            FieldValues = new Dictionary<string, OfferFieldValueInput> { ["replicas"] = new() { Value = System.Text.Json.JsonDocument.Parse("2").RootElement, Locked = true } },
        });
        var id = journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
        for (var i = 0; i < 4; i++)
        {
            journey.Emulator.AdvanceOrderDraft(id);
        }

        var missing = Assert.Throws<InvalidOperationException>(() => journey.Emulator.AdvanceOrderDraft(id));
        var invalid = Assert.Throws<InvalidOperationException>(() => journey.Emulator.AdvanceOrderDraft(id, """{"size":"xl"}"""));
        var locked = Assert.Throws<InvalidOperationException>(() => journey.Emulator.AdvanceOrderDraft(id, """{"size":"s","replicas":3}"""));
        Assert.Throws<ArgumentException>(() => journey.Emulator.AdvanceOrderDraft(id, "[1]"));
        var accepted = journey.Emulator.AdvanceOrderDraft(id, """{"size":"s","replicas":2}""");

        Assert.Contains("'size'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'size'", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
        Assert.Equal(OrderDraftStatus.Payment, accepted.Status);
    }

    [Fact]
    public async Task A_start_is_refused_for_an_email_off_the_allowlist()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { AllowedEmails = ["ana@example.com"] });

        var refused = Assert.Throws<InvalidOperationException>(() => journey.Emulator.SimulateOrderDraft(offer.Id, "bob@example.com"));

        Assert.Contains("allowlist", refused.Message, StringComparison.Ordinal);
        Assert.Equal("customerEmail", Assert.Throws<ArgumentException>(() => journey.Emulator.SimulateOrderDraft(offer.Id, "not-an-email")).ParamName);
        Assert.Throws<KeyNotFoundException>(() => journey.Emulator.SimulateOrderDraft("offer_missing", "ana@example.com"));
    }

    [Fact]
    public async Task A_start_is_refused_once_the_offer_has_expired()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { ExpiresAt = journey.Clock.GetUtcNow().AddHours(1) });
        journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
        journey.Clock.Advance(TimeSpan.FromHours(1));

        var refused = Assert.Throws<InvalidOperationException>(() => journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com"));

        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_is_refused_on_an_archived_offer()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer();
        await journey.Akua.Offers.ArchiveAsync(offer);

        var refused = Assert.Throws<InvalidOperationException>(() => journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com"));

        Assert.Contains("archived", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_is_refused_when_max_uses_are_used_or_held_by_drafts_in_progress()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { MaxUses = 2 });
        journey.Emulator.RedeemOffer(offer.Id);
        var inProgress = journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");

        var held = Assert.Throws<InvalidOperationException>(() => journey.Emulator.SimulateOrderDraft(offer.Id, "bob@example.com"));
        var cancelled = await journey.Akua.OrderDrafts.CancelAsync(inProgress, (await journey.Akua.OrderDrafts.GetAsync(inProgress)).Etag);
        journey.Emulator.RedeemOffer(offer.Id);
        var usedUp = Assert.Throws<InvalidOperationException>(() => journey.Emulator.SimulateOrderDraft(offer.Id, "bob@example.com"));

        Assert.Contains("in progress", held.Message, StringComparison.Ordinal);
        Assert.Equal(OrderDraftStatus.Terminated, cancelled.Status);
        Assert.Contains("redeemed", usedUp.Message, StringComparison.Ordinal);
        var read = await journey.Akua.Offers.GetAsync(offer.Id);
        Assert.Equal(2, read.UsedCount);
        Assert.Equal(OfferStatus.Redeemed, read.Status);
    }

    [Fact]
    public async Task RedeemOffer_walks_the_journey_and_leaves_a_done_draft_and_an_install()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { MaxUses = OfferUsageLimit.Unlimited });

        journey.Emulator.RedeemOffer(offer.Id);
        journey.Emulator.RedeemOffer(offer.Id);

        var drafts = await journey.Akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = offer.Id, Status = OrderDraftStatus.Done });
        Assert.Equal(2, drafts.Data.Count);
        Assert.Equal(2, (await journey.Akua.Offers.GetAsync(offer.Id)).UsedCount);
        Assert.Equal(2, (await journey.Akua.Installs.ListPageAsync(new ListInstallsOptions { ProductId = offer.ProductId })).Data.Count);
    }

    [Fact]
    public async Task A_redemption_whose_prefill_leaves_a_required_input_empty_is_refused_and_holds_no_use()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(Schema);

        Assert.Throws<InvalidOperationException>(() => journey.Emulator.RedeemOffer(offer.Id));

        var read = await journey.Akua.Offers.GetAsync(offer.Id);
        Assert.Equal(0, read.UsedCount);
        Assert.Equal(OfferStatus.Active, read.Status);
        journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
    }

    [Fact]
    public async Task The_install_operation_completes_on_the_emulator_clock_and_can_be_waited_on()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer();
        var draft = journey.DraftAt(offer.Id, OrderDraftStatus.Install);
        var id = draft.Id;

        var operationId = draft.InstallOperationId!;
        Assert.Equal(OperationState.Running, (await journey.Akua.Operations.GetAsync(operationId)).State);
        Assert.Equal(InstallState.Syncing, (await journey.Akua.Installs.GetAsync(draft.Delivery!.InstallId!)).State);
        var wait = journey.Akua.Operations.WaitForCompletionAsync(operationId);
        await Task.Delay(100);
        journey.SettleOperations();

        Assert.Equal(OperationState.Succeeded, (await wait.WaitAsync(Journey.Bound)).State);
        Assert.Equal(OrderDraftStatus.Install, (await journey.Akua.OrderDrafts.GetAsync(id)).Status);
        Assert.Equal(OrderDraftStatus.Done, journey.Emulator.AdvanceOrderDraft(id).Status);
    }

    [Fact]
    public async Task A_failed_install_terminates_the_draft_and_counts_no_use()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer();
        journey.Emulator.Faults.FailNextOperation("image pull failed");
        var id = journey.DraftAt(offer.Id, OrderDraftStatus.Install).Id;

        journey.SettleOperations();
        var draft = await journey.Akua.OrderDrafts.GetAsync(id);

        Assert.Equal(OrderDraftStatus.Terminated, draft.Status);
        Assert.Equal(OrderDraftTerminationReason.InstallFailed, draft.TerminationReason);
        Assert.Equal(OrderDeliveryStatus.Failed, draft.Delivery!.Status);
        Assert.Equal(InstallState.Failed, (await journey.Akua.Installs.GetAsync(draft.Delivery.InstallId!)).State);
        Assert.Equal("image pull failed", (await journey.Akua.Operations.GetAsync(draft.InstallOperationId!)).Error!.Message);
        Assert.Equal(0, (await journey.Akua.Offers.GetAsync(offer.Id)).UsedCount);
    }

    [Fact]
    public async Task A_draft_past_its_time_to_live_is_terminated()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { OrderTtlMinutes = 30 });
        var id = journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
        journey.Clock.Advance(TimeSpan.FromMinutes(30));

        var draft = await journey.Akua.OrderDrafts.GetAsync(id);

        Assert.Equal(OrderDraftStatus.Terminated, draft.Status);
        Assert.Equal(OrderDraftTerminationReason.Timeout, draft.TerminationReason);
        Assert.Equal(journey.Clock.GetUtcNow(), draft.TtlExpiresAt);
    }

    [Fact]
    public async Task The_seller_lists_one_offers_drafts_by_status_newest_first_in_pages()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { MaxUses = OfferUsageLimit.Unlimited });
        var other = await journey.NewOffer();
        var first = journey.Emulator.SimulateOrderDraft(offer.Id, "a@example.com");
        var second = journey.Emulator.SimulateOrderDraft(offer.Id, "b@example.com");
        var third = journey.Emulator.SimulateOrderDraft(offer.Id, "c@example.com");
        journey.Emulator.SimulateOrderDraft(other.Id, "d@example.com");
        journey.Emulator.AdvanceOrderDraft(second);

        var all = new List<string>();
        await foreach (var d in journey.Akua.OrderDrafts.ListAsync(new ListOrderDraftsOptions { OfferId = offer.Id, Limit = 2 }))
        {
            all.Add(d.Id);
        }

        var inWorkspace = await journey.Akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = offer.Id, Status = OrderDraftStatus.Workspace });
        var withoutOffer = await journey.Api.Get("order_drafts");

        Assert.Equal([third, second, first], all);
        Assert.Equal([second], inWorkspace.Data.Select(d => d.Id));
        Assert.Equal(400, withoutOffer.Status);
        Assert.Equal(["query/offer"], withoutOffer.ErrorPaths);
    }

    [Fact]
    public async Task Another_workspace_sees_none_of_the_drafts()
    {
        await using var journey = await Journey.StartAsync(o => o.AdditionalTokens["sk_other"] = "ws_other");
        var offer = await journey.NewOffer();
        var id = journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
        using var other = new Api(journey.Emulator, "sk_other");

        Assert.Equal(0, (await other.Get("order_drafts?offer=" + offer.Id)).Json.GetProperty("data").GetArrayLength());
        Assert.Equal(404, (await other.Get("order_drafts/" + id)).Status);
        Assert.Equal(404, (await other.Post($"order_drafts/{id}:cancel", null, ("if-match", "1"))).Status);
    }

    [Fact]
    public async Task Cancel_needs_the_current_etag_and_leaves_a_terminated_draft_unchanged()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { MaxUses = OfferUsageLimit.Unlimited });
        var id = journey.Emulator.SimulateOrderDraft(offer.Id, "ana@example.com");
        var draft = await journey.Akua.OrderDrafts.GetAsync(id);
        journey.Emulator.AdvanceOrderDraft(id);

        var stale = await Assert.ThrowsAsync<AkuaConcurrencyException>(() => journey.Akua.OrderDrafts.CancelAsync(id, draft.Etag));
        var noEtag = await journey.Api.Post($"order_drafts/{id}:cancel", null);
        var cancelled = await journey.Akua.OrderDrafts.CancelAsync(id, stale.CurrentEtag!);
        var again = await journey.Akua.OrderDrafts.CancelAsync(id, "anything");
        var missing = await journey.Api.Post("order_drafts/odft_missing:cancel", null, ("if-match", "1"));

        // The operation documents 422 (and no 400) for a request that breaks its rules.
        Assert.Equal((422, "header/if-match"), (noEtag.Status, noEtag.ErrorPaths.Single()));
        Assert.Equal(OrderDraftStatus.Terminated, cancelled.Status);
        Assert.Equal(OrderDraftTerminationReason.Revoked, cancelled.TerminationReason);
        Assert.Equal(cancelled.Etag, again.Etag);
        Assert.Equal(404, missing.Status);
        Assert.Throws<InvalidOperationException>(() => journey.Emulator.AdvanceOrderDraft(id));
    }

    [Fact]
    public async Task Cancelling_a_draft_in_install_cancels_its_operation_and_a_done_draft_cannot_be_cancelled()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer(request: new CreateOfferRequest { MaxUses = OfferUsageLimit.Unlimited });
        var id = journey.DraftAt(offer.Id, OrderDraftStatus.Install).Id;

        var draft = await journey.Akua.OrderDrafts.CancelAsync(id, (await journey.Akua.OrderDrafts.GetAsync(id)).Etag);
        journey.Emulator.RedeemOffer(offer.Id);
        var done = (await journey.Akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = offer.Id, Status = OrderDraftStatus.Done })).Data.Single();
        var refused = await Assert.ThrowsAsync<AkuaValidationException>(() => journey.Akua.OrderDrafts.CancelAsync(done.Id, done.Etag));

        Assert.Equal(OperationState.Cancelled, (await journey.Akua.Operations.GetAsync(draft.InstallOperationId!)).State);
        Assert.Equal(422, refused.StatusCode);
        Assert.Equal(1, (await journey.Akua.Offers.GetAsync(offer.Id)).UsedCount);
    }

    [Fact]
    public async Task Checkout_sessions_are_listed_and_read()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer();
        var draft = journey.DraftAt(offer.Id, OrderDraftStatus.Payment);
        var id = draft.Id;

        var open = await journey.Akua.OrderDrafts.GetCheckoutSessionAsync(id, draft.CurrentCheckoutSession!.Id);
        journey.Emulator.AdvanceOrderDraft(id);
        var sessions = new List<CheckoutSession>();
        await foreach (var s in journey.Akua.OrderDrafts.ListCheckoutSessionsAsync(id))
        {
            sessions.Add(s);
        }

        Assert.Equal(CheckoutSessionStatus.Open, open.State);
        Assert.Equal(id, open.OrderDraftId);
        Assert.Equal(CheckoutSessionStatus.Paid, Assert.Single(sessions).State);
        Assert.Null((await journey.Akua.OrderDrafts.GetAsync(id)).CurrentCheckoutSession);
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => journey.Akua.OrderDrafts.GetCheckoutSessionAsync(id, "chk_missing"));
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => journey.Akua.OrderDrafts.ListCheckoutSessionsPageAsync("odft_missing"));
    }
}
