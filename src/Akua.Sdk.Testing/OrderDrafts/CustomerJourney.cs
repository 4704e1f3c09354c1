using System.Text.Json;

namespace Akua.Sdk.Testing;

/// <summary>
/// The customer's side of a redemption, which the emulator plays for tests
/// (<see cref="AkuaEmulator.SimulateOrderDraft(string, string)"/>, <see cref="AkuaEmulator.AdvanceOrderDraft(string, string?)"/>):
/// a draft starts in <c>auth</c> and each step moves it one phase on, through <c>workspace</c>,
/// <c>compute</c>, <c>compute_bootstrap</c>, <c>configure</c>, <c>payment</c> and <c>install</c> to
/// <c>done</c>. Every call holds the store's lock.
/// </summary>
internal static class CustomerJourney
{
    private static readonly string[] InstallSteps = ["render", "sync", "health_check"];

    /// <summary>Starts a draft as the customer would, under the offer's rules; a refused start throws with the reason.</summary>
    public static OrderDraftRecord Start(EmulatorStore store, string offerId, string email)
    {
        if (!store.Offers.TryGetValue(offerId, out var offer))
        {
            throw new KeyNotFoundException($"The emulator holds no offer '{offerId}'.");
        }

        var now = store.Now;
        var status = offer.StatusAt(now);
        if (status != OfferStatus.Active)
        {
            throw new InvalidOperationException($"The offer '{offerId}' is {status.Value}: no customer can start an order on it.");
        }

        if (!offer.Admits(email))
        {
            throw new InvalidOperationException($"The offer '{offerId}' is for other customers: '{email}' is not on its allowlist.");
        }

        // Drafts in progress hold a use each, so max_uses cannot be overrun by customers racing.
        var inProgress = store.OrderDrafts.Values.Count(d => d.OfferId == offerId && !d.IsTerminal);
        if (offer.MaxUses is { } max && offer.UsedCount + inProgress >= max)
        {
            throw new InvalidOperationException($"The offer '{offerId}' has no use left: {offer.UsedCount} used and {inProgress} in progress of {max}.");
        }

        var draft = new OrderDraftRecord
        {
            Id = EmulatorStore.NewId("odft_"),
            OfferId = offerId,
            WorkspaceId = offer.WorkspaceId,
            Sequence = store.NextSequence(),
            CustomerEmail = email,
            CreatedAt = now,
            TtlExpiresAt = now.AddMinutes(offer.OrderTtlMinutes),
        };
        draft.Touch(now);
        store.OrderDrafts[draft.Id] = draft;
        return draft;
    }

    /// <summary>Moves a draft one phase on; <paramref name="configuration"/> is what the customer submits in <c>configure</c>.</summary>
    public static OrderDraftRecord Advance(EmulatorStore store, string orderDraftId, string? configuration)
    {
        if (!store.OrderDrafts.TryGetValue(orderDraftId, out var draft))
        {
            throw new KeyNotFoundException($"The emulator holds no order draft '{orderDraftId}'.");
        }

        if (draft.IsTerminal)
        {
            throw new InvalidOperationException($"The order draft '{orderDraftId}' is {draft.Status.Value}: it moves no further.");
        }

        var offer = store.Offers[draft.OfferId];
        var now = store.Now;
        var status = draft.Status;
        if (status == OrderDraftStatus.Auth)
        {
            draft.UserId = "user_" + EmulatorStore.RandomLowerAlnum(24);
            draft.Status = OrderDraftStatus.Workspace;
        }
        else if (status == OrderDraftStatus.Workspace)
        {
            draft.CustomerWorkspaceId = EmulatorStore.NewId("ws_");
            draft.Status = OrderDraftStatus.Compute;
        }
        else if (status == OrderDraftStatus.Compute)
        {
            draft.ClusterId = offer.ClusterId ?? EmulatorStore.NewId("clu_");
            draft.Status = OrderDraftStatus.ComputeBootstrap;
        }
        else if (status == OrderDraftStatus.ComputeBootstrap)
        {
            draft.ClusterReady = true;
            draft.ServerJoined = true;
            draft.Status = OrderDraftStatus.Configure;
        }
        else if (status == OrderDraftStatus.Configure)
        {
            draft.FieldValues = Configure(offer, configuration);
            draft.Status = OrderDraftStatus.Payment;
            Mint(store, draft, now);
        }
        else if (status == OrderDraftStatus.Payment)
        {
            Pay(store, draft, offer, now);
            draft.Status = OrderDraftStatus.Install;
        }
        else if (status == OrderDraftStatus.Install)
        {
            Finish(store, draft, offer, now);
        }

        draft.Touch(now);
        return draft;
    }

    /// <summary>Ends a draft before it is done; its running install is cancelled, finished work stays.</summary>
    public static void Terminate(EmulatorStore store, OrderDraftRecord draft, OrderDraftTerminationReason reason)
    {
        var now = store.Now;
        draft.Status = OrderDraftStatus.Terminated;
        draft.TerminationReason = reason;
        foreach (var session in draft.CheckoutSessions.Where(s => s.State == CheckoutSessionStatus.Open))
        {
            session.State = CheckoutSessionStatus.Expired;
            session.UpdatedAt = now;
        }

        draft.Touch(now);
        if (draft.InstallOperationId is { } id && store.Operations[id] is { IsTerminal: false } operation)
        {
            operation.Cancel(now);
        }
    }

    /// <summary>
    /// The submitted configuration: the offer's pre-filled values, then the customer's own (which may
    /// not change a locked one), judged as a whole by the version's input schema.
    /// </summary>
    private static Dictionary<string, JsonElement> Configure(OfferRecord offer, string? configuration)
    {
        var values = offer.FieldValues?.ToDictionary(f => f.Key, f => f.Value.Value, StringComparer.Ordinal) ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (configuration is not null)
        {
            using var document = JsonDocument.Parse(configuration);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (offer.FieldValues?.GetValueOrDefault(property.Name) is { Locked: true } locked && locked.Value.GetRawText() != property.Value.GetRawText())
                {
                    throw new InvalidOperationException($"'{property.Name}' is locked by the offer: the customer cannot change it.");
                }

                values[property.Name] = property.Value.Clone();
            }
        }

        var problems = offer.Schema.CheckConfiguration(values).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The configuration does not meet the package version's input schema: " + string.Join(" ", problems.Select(p => $"'{p.Key}' {p.Problem}")));
        }

        return values;
    }

    private static void Mint(EmulatorStore store, OrderDraftRecord draft, DateTimeOffset now)
    {
        var stripeId = "cs_test_" + EmulatorStore.RandomLowerAlnum(24);
        draft.CheckoutSessions.Add(new CheckoutSessionRecord
        {
            Id = EmulatorStore.NewId("chk_"),
            OrderDraftId = draft.Id,
            WorkspaceId = draft.WorkspaceId,
            Sequence = store.NextSequence(),
            EtagAtMint = draft.Etag,
            DraftRevision = (int)draft.Version,
            StripeCheckoutSessionId = stripeId,
            Url = store.Link($"checkout/{stripeId}").AbsoluteUri,
            ExpiresAt = now.AddHours(1),
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    /// <summary>Payment goes through: the order is committed and its install starts, with an <c>install.create</c> operation.</summary>
    private static void Pay(EmulatorStore store, OrderDraftRecord draft, OfferRecord offer, DateTimeOffset now)
    {
        var session = draft.CheckoutSessions[^1];
        session.State = CheckoutSessionStatus.Paid;
        session.UpdatedAt = now;
        draft.PaymentCompleted = true;

        var customerWorkspace = draft.CustomerWorkspaceId!;
        var install = new InstallRecord
        {
            Id = EmulatorStore.NewId("inst_"),
            WorkspaceId = customerWorkspace,
            CustomerWorkspaceName = $"{draft.CustomerEmail}'s workspace",
            SellerWorkspaceId = offer.WorkspaceId,
            Sequence = store.NextSequence(),
            CreatedAt = now,
            ClusterId = draft.ClusterId,
            ProductId = offer.ProductId,
            PackageVersionId = offer.PackageVersionId,
        };
        install.Become(InstallState.Syncing, now);
        store.Installs[install.Id] = install;

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["install_id"] = install.Id };
        if (offer.ProductId is { } productId)
        {
            metadata["product_id"] = productId;
        }

        var operation = store.StartOperation(
            customerWorkspace,
            [offer.WorkspaceId],
            OperationOwnerType.Install,
            install.Id,
            "install.create",
            draft.Id,
            InstallSteps,
            metadata,
            _ =>
            {
                install.Become(InstallState.Healthy, store.Now);
                return new Dictionary<string, string>(StringComparer.Ordinal) { ["install_id"] = install.Id };
            },
            _ =>
            {
                install.Become(InstallState.Failed, store.Now);
                if (draft.Delivery is { } delivery)
                {
                    delivery.Status = OrderDeliveryStatus.Failed;
                    draft.Order!.Status = OrderStatus.DeliveryFailed;
                }

                if (!draft.IsTerminal)
                {
                    Terminate(store, draft, OrderDraftTerminationReason.InstallFailed);
                }
            });
        draft.InstallOperationId = operation.Id;

        var cleanup = new OrderCleanupPolicy { Kind = OrderCleanupPolicyKind.None };
        draft.Order = new OrderSummary
        {
            Id = EmulatorStore.NewId("ord_"),
            Status = OrderStatus.DeliveryRunning,
            StripeEnvironment = StripeEnvironment.Sandbox,
            StripeCheckoutId = session.StripeCheckoutSessionId,
            DraftRevision = session.DraftRevision,
            CleanupPolicy = cleanup,
            CommittedAt = now,
        };
        draft.Delivery = new OrderDeliverySummary
        {
            Id = EmulatorStore.NewId("dlv_"),
            Kind = OrderDeliveryKind.Install,
            AuthorizationKind = offer.CommercialMode == CommercialMode.NonBillableTest ? OrderAuthorizationKind.NonBillableTestOrder : OrderAuthorizationKind.PaidOrder,
            Status = OrderDeliveryStatus.Running,
            CleanupPolicy = cleanup,
            InstallId = install.Id,
            Urls = [],
            InstallOperationId = operation.Id,
            StartedAt = now,
        };
    }

    /// <summary>
    /// The install finishes (now, if its operation was still running) and the draft is done: the
    /// offer's <c>used_count</c> grows. A failed install ends the draft <c>terminated</c> instead.
    /// </summary>
    private static void Finish(EmulatorStore store, OrderDraftRecord draft, OfferRecord offer, DateTimeOffset now)
    {
        var operation = store.Operations[draft.InstallOperationId!];
        operation.Settle(now);
        if (operation.State != OperationState.Succeeded)
        {
            if (!draft.IsTerminal)
            {
                Terminate(store, draft, OrderDraftTerminationReason.InstallFailed);
            }

            return;
        }

        draft.Status = OrderDraftStatus.Done;
        draft.Order!.Status = OrderStatus.Delivered;
        draft.Delivery!.Status = OrderDeliveryStatus.Succeeded;
        draft.Delivery.CompletedAt = now;
        offer.UsedCount++;
        offer.Touch(now);
    }
}
