namespace Akua.Sdk.Testing.Tests.Installs;

/// <summary>The seller's read-only view of the installs its offers' customers made.</summary>
public sealed class InstallTests
{
    [Fact]
    public async Task Installs_are_listed_by_product_and_read_with_their_live_status()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;
        var offer = await journey.NewOffer(request: new CreateOfferRequest { MaxUses = OfferUsageLimit.Unlimited });
        var other = await journey.NewOffer();
        journey.Emulator.RedeemOffer(offer.Id);
        journey.Emulator.RedeemOffer(other.Id);

        var ofProduct = await akua.Installs.ListPageAsync(new ListInstallsOptions { ProductId = offer.ProductId });
        var all = await akua.Installs.ListPageAsync();
        var install = Assert.Single(ofProduct.Data);
        var status = await akua.Installs.GetStatusAsync(install.Id);

        Assert.Equal(2, all.Data.Count);
        Assert.Equal(offer.ProductId, install.ProductId);
        Assert.Equal(InstallState.Healthy, install.State);
        Assert.False(install.Reconciling);
        Assert.NotEqual(journey.Emulator.DefaultWorkspaceId, install.WorkspaceId);
        Assert.Equal(install.WorkspaceId, install.CustomerWorkspace.Id);
        Assert.Equal(install.Id, (await akua.Installs.GetAsync(install.Id)).Id);
        Assert.Equal(install.Id, status.InstallId);
        Assert.Equal(InstallState.Healthy, status.State);
        Assert.Equal("Healthy", status.Health);
        Assert.Equal("Synced", status.Sync);
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => akua.Installs.GetAsync("inst_missing"));
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => akua.Installs.GetStatusAsync("inst_missing"));
    }

    [Fact]
    public async Task An_install_in_progress_reports_a_running_status()
    {
        await using var journey = await Journey.StartAsync();
        var offer = await journey.NewOffer();
        var draft = journey.DraftAt(offer.Id, OrderDraftStatus.Install);

        var status = await journey.Akua.Installs.GetStatusAsync(draft.Delivery!.InstallId!);
        var raw = await journey.Api.Get($"installs/{draft.Delivery.InstallId}/status");

        Assert.Equal(InstallState.Syncing, status.State);
        Assert.True(status.Reconciling);
        Assert.Equal("Running", status.OperationPhase);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, raw.Json.GetProperty("revision").ValueKind);
    }

    [Fact]
    public async Task Another_workspace_cannot_read_the_installs()
    {
        await using var journey = await Journey.StartAsync(o => o.AdditionalTokens["sk_other"] = "ws_other");
        var offer = await journey.NewOffer();
        journey.Emulator.RedeemOffer(offer.Id);
        var install = (await journey.Akua.Installs.ListPageAsync()).Data.Single();
        using var other = new Api(journey.Emulator, "sk_other");

        Assert.Equal(404, (await other.Get("installs/" + install.Id)).Status);
        Assert.Equal(0, (await other.Get("installs")).Json.GetProperty("data").GetArrayLength());
    }
}
