using System.Text.Json;

namespace Akua.Sdk.Testing.Tests.Packages;

/// <summary>The package catalogue: the emulator's own (AddPackage) and the Packages operations, through the SDK.</summary>
public sealed class PackageTests
{
    private const string Schema = """{"type":"object","properties":{"replicas":{"type":"integer","minimum":1},"size":{"$ref":"#/$defs/size"}},"required":["size"],"$defs":{"size":{"enum":["s","m","l"]}}}""";

    [Fact]
    public async Task Added_packages_are_listed_and_read_with_their_versions_and_input_schema()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;
        var packageId = journey.Emulator.AddPackage("PostgreSQL", "1.0.0", Schema);
        var newer = journey.Emulator.AddPackageVersion(packageId, "1.1.0");
        journey.Emulator.AddPackageVersion(packageId, "1.0.1-rc.1");

        var listed = new List<Package>();
        await foreach (var p in akua.Packages.ListAsync())
        {
            listed.Add(p);
        }

        var package = Assert.Single(listed);
        Assert.Equal(packageId, package.Id);
        Assert.Equal(newer, package.LatestVersionId);
        Assert.Equal(PackageSourceKind.Oci, package.Source.Kind);
        Assert.Null(package.ComposedFromSources);
        Assert.NotNull((await akua.Packages.GetAsync(packageId, PackageView.Full)).ComposedFromSources);

        var versions = new List<PackageVersion>();
        await foreach (var v in akua.Packages.ListVersionsAsync(packageId))
        {
            versions.Add(v);
        }

        Assert.Equal(["1.0.1-rc.1", "1.1.0", "1.0.0"], versions.Select(v => v.Semver));
        var first = versions[^1];
        Assert.Equal(first.Id, (await akua.Packages.GetVersionAsync(packageId, first.Id)).Id);
        var inputs = await akua.Packages.GetVersionInputsAsync(packageId, first.Id);
        Assert.Equal(["replicas", "size"], inputs.PropertyNames);
        Assert.Equal(JsonDocument.Parse(Schema).RootElement.GetRawText(), inputs.Schema.GetRawText());
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => akua.Packages.GetVersionAsync(packageId, "pkgv_missing"));
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => akua.Packages.GetAsync("pkg_missing"));
    }

    [Fact]
    public async Task Packages_belong_to_their_workspace()
    {
        await using var journey = await Journey.StartAsync(o => o.AdditionalTokens["sk_other"] = "ws_other");
        var theirs = journey.Emulator.AddPackage("Theirs", workspaceId: "ws_other");
        using var other = new Api(journey.Emulator, "sk_other");

        Assert.Equal(404, (await journey.Api.Get("packages/" + theirs)).Status);
        Assert.Equal(200, (await other.Get("packages/" + theirs)).Status);
        Assert.Equal(0, (await journey.Api.Get("packages")).Json.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("", "1.0.0", null, "name")]
    [InlineData("Pg", "1.0", null, "semver")]
    [InlineData("Pg", "1.0.0", "[]", "inputSchemaJson")]
    [InlineData("Pg", "1.0.0", "{not json", "inputSchemaJson")]
    [InlineData("Pg", "1.0.0", """{"properties":{"a":{"$ref":"https://example.com/a.json"}}}""", "inputSchemaJson")]
    [InlineData("Pg", "1.0.0", """{"properties":{"a":{"$ref":"#/$defs/missing"}}}""", "inputSchemaJson")]
    public async Task AddPackage_checks_its_arguments(string name, string semver, string? schema, string parameter)
    {
        await using var emulator = await AkuaEmulator.StartAsync();

        var error = Assert.ThrowsAny<ArgumentException>(() => emulator.AddPackage(name, semver, schema));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public async Task AddPackageVersion_refuses_a_semver_the_package_has_and_an_unknown_package()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        var packageId = emulator.AddPackage("Pg");

        Assert.Equal("semver", Assert.Throws<ArgumentException>(() => emulator.AddPackageVersion(packageId, "1.0.0")).ParamName);
        Assert.Throws<KeyNotFoundException>(() => emulator.AddPackageVersion("pkg_missing", "2.0.0"));
    }

    [Fact]
    public async Task Create_answers_202_and_the_package_exists_once_its_operation_succeeds_on_the_emulator_clock()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;

        var operation = await akua.Packages.CreateAsync(NewPackage("Redis"), new AkuaRequestOptions { IdempotencyKey = "create-redis" });

        Assert.Equal(OperationState.Running, operation.Current.State);
        Assert.Equal("package.create", operation.Current.Kind);
        Assert.Equal("create-redis", operation.Current.PackageCreateMetadata!.IdempotencyKey);
        Assert.Equal(OperationOwnerType.Package, operation.Current.OwnerType);
        Assert.Empty((await journey.Api.Get("packages")).Json.GetProperty("data").EnumerateArray());

        journey.Clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False((await akua.Operations.GetAsync(operation.Id)).Done);
        journey.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var package = await operation.WaitForCompletionAsync().WaitAsync(Journey.Bound);
        Assert.Equal(operation.Current.OwnerId, package.Id);
        Assert.Equal("Redis", package.Name);
        Assert.Equal(PackageSourceKind.Hosted, package.Source.Kind);
        var succeeded = operation.Current;
        Assert.Equal(OperationState.Succeeded, succeeded.State);
        Assert.Equal(package.LatestVersionId, succeeded.PackageCreateResponse!.PackageVersionId);
        Assert.Equal("7.2.0", (await akua.Packages.GetVersionAsync(package.Id, package.LatestVersionId)).Semver);
        Assert.All(succeeded.Steps!, s => Assert.Equal(OperationStepStatus.Completed, s.Status));
    }

    [Fact]
    public async Task The_duration_of_operations_is_configurable()
    {
        await using var journey = await Journey.StartAsync(o => o.OperationDuration = TimeSpan.FromSeconds(5));

        var operation = await journey.Akua.Packages.CreateAsync(NewPackage("Redis"));
        journey.SettleOperations();
        Assert.False((await journey.Akua.Operations.GetAsync(operation.Id)).Done);
        journey.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True((await journey.Akua.Operations.GetAsync(operation.Id)).Done);
    }

    [Fact]
    public async Task Operations_without_a_duration_end_by_the_next_read()
    {
        await using var journey = await Journey.StartAsync(o => o.OperationDuration = TimeSpan.Zero);
        var offer = await journey.NewOffer();

        var operation = await journey.Akua.Packages.CreateAsync(NewPackage("Redis"));
        journey.Emulator.RedeemOffer(offer.Id);
        var draft = (await journey.Akua.OrderDrafts.ListPageAsync(new ListOrderDraftsOptions { OfferId = offer.Id })).Data.Single();

        Assert.Equal(OperationState.Running, operation.Current.State);
        Assert.Equal(OperationState.Succeeded, (await journey.Akua.Operations.GetAsync(operation.Id)).State);
        Assert.Equal(OrderDraftStatus.Done, draft.Status);
        Assert.Equal(InstallState.Healthy, (await journey.Akua.Installs.GetAsync(draft.Delivery!.InstallId!)).State);
    }

    [Fact]
    public async Task A_negative_operation_duration_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AkuaEmulator.StartAsync(new AkuaEmulatorOptions { OperationDuration = TimeSpan.FromSeconds(-1) }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public async Task A_fault_makes_the_next_operation_fail_with_an_error()
    {
        await using var journey = await Journey.StartAsync();
        journey.Emulator.Faults.FailNextOperation("chart not found");

        var operation = await journey.Akua.Packages.CreateAsync(NewPackage("Broken"));
        journey.SettleOperations();
        var failure = await Assert.ThrowsAsync<AkuaOperationFailedException>(() => operation.WaitForCompletionAsync().WaitAsync(Journey.Bound));

        Assert.Equal(OperationState.Failed, failure.State);
        Assert.Equal("chart not found", failure.Error!.Message);
        Assert.Equal("chart not found", failure.Operation.LastError!.Message);
        Assert.Contains(failure.Operation.Steps!, s => s.Status == OperationStepStatus.Failed && s.ErrorMessage == "chart not found");
        Assert.Null(failure.Operation.Response);
        Assert.Equal(0, journey.Emulator.Faults.PendingOperationFailures);
        Assert.Empty((await journey.Api.Get("packages")).Json.GetProperty("data").EnumerateArray());

        // Only the next one: the one after succeeds.
        var next = await journey.Akua.Packages.CreateAsync(NewPackage("Fine"));
        journey.SettleOperations();
        Assert.Equal("Fine", (await next.WaitForCompletionAsync().WaitAsync(Journey.Bound)).Name);
    }

    [Fact]
    public async Task Import_registers_an_oci_package_once_and_judges_its_input_schema()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;

        var package = await akua.Packages.ImportAsync(NewImport("oci://ghcr.io/acme/pg", Schema));
        var duplicate = await Assert.ThrowsAsync<AkuaConflictException>(() => akua.Packages.ImportAsync(NewImport("oci://ghcr.io/acme/pg", Schema)));
        var answer = await journey.Api.Post("packages:import", """{"name":"Bad","oci_ref":"oci://ghcr.io/acme/bad","version":{"semver":"1.0.0","ref":"r","input_schema":{"properties":{"a":{"$ref":"#/nowhere"}}}}}""");

        Assert.Equal(PackageSourceKind.Oci, package.Source.Kind);
        Assert.Equal("oci://ghcr.io/acme/pg", package.Source.OciRef);
        Assert.Equal(["replicas", "size"], (await akua.Packages.GetVersionInputsAsync(package.Id, package.LatestVersionId)).PropertyNames);
        Assert.Equal(409, duplicate.StatusCode);
        Assert.Equal(422, answer.Status);
        Assert.Equal(["body/version/input_schema"], answer.ErrorPaths);
    }

    [Fact]
    public async Task CreateVersion_adds_an_immutable_version_to_an_oci_package_only()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;
        var packageId = journey.Emulator.AddPackage("Pg");
        var request = new CreatePackageVersionRequest { Semver = "2.0.0", Ref = "oci://ghcr.io/acme/pg:2.0.0", InputSchema = JsonDocument.Parse(Schema).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) };

        var version = await akua.Packages.CreateVersionAsync(packageId, request);
        var again = await Assert.ThrowsAsync<AkuaConflictException>(() => akua.Packages.CreateVersionAsync(packageId, request));
        var missing = await Assert.ThrowsAsync<AkuaNotFoundException>(() => akua.Packages.CreateVersionAsync("pkg_missing", request));
        var created = await akua.Packages.CreateAsync(NewPackage("Hosted"));
        journey.SettleOperations();
        var hosted = await created.WaitForCompletionAsync().WaitAsync(Journey.Bound);
        var refused = await Assert.ThrowsAsync<AkuaValidationException>(() => akua.Packages.CreateVersionAsync(hosted.Id, request));

        Assert.Equal("2.0.0", version.Semver);
        Assert.Equal(version.Id, (await akua.Packages.GetAsync(packageId)).LatestVersionId);
        Assert.Equal(409, again.StatusCode);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(422, refused.StatusCode);
    }

    [Fact]
    public async Task Delete_needs_the_etag_and_waits_until_no_product_or_install_uses_the_package()
    {
        await using var journey = await Journey.StartAsync();
        var akua = journey.Akua;
        var offer = await journey.NewOffer();
        var used = offer.PackageId;
        var free = journey.Emulator.AddPackage("Unused");
        var freeEtag = (await akua.Packages.GetAsync(free)).Etag!;

        var inUse = await journey.Api.Delete("packages/" + used, ("if-match", (await akua.Packages.GetAsync(used)).Etag!));
        var stale = await journey.Api.Delete("packages/" + free, ("if-match", "999"));
        var noEtag = await journey.Api.Delete("packages/" + free);
        await akua.Packages.DeleteAsync(free, freeEtag);

        Assert.Equal(409, inUse.Status);
        Assert.Equal(409, stale.Status);
        Assert.Equal(["header/if-match"], stale.ErrorPaths);
        Assert.Equal(400, noEtag.Status);
        Assert.Equal(404, (await journey.Api.Get("packages/" + free)).Status);
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => akua.Packages.DeleteAsync(free, freeEtag));
    }

    [Fact]
    public async Task An_install_keeps_its_package_from_being_deleted_after_its_product_is_gone()
    {
        await using var journey = await Journey.StartAsync();
        var packageId = journey.Emulator.AddPackage("Direct", inputSchemaJson: Api.OpenSchema);
        var versionId = (await journey.Akua.Packages.GetAsync(packageId)).LatestVersionId;
        var offer = await journey.Akua.Offers.CreateAsync(new CreateOfferRequest { PackageVersionId = versionId });
        journey.Emulator.RedeemOffer(offer.Id);

        var answer = await journey.Api.Delete("packages/" + packageId, ("if-match", (await journey.Akua.Packages.GetAsync(packageId)).Etag!));

        Assert.Equal(409, answer.Status);
        Assert.Contains("install", answer.Text, StringComparison.Ordinal);
    }

    internal static CreatePackageRequest NewPackage(string name) => new()
    {
        Name = name,
        Sources = [new HelmPackageSource { Kind = HelmSourceKind.Helm, RepoUrl = "oci://registry-1.docker.io/bitnamicharts", Chart = name.ToLowerInvariant(), TargetRevision = "7.2.0" }],
    };

    private static ImportPackageRequest NewImport(string ociRef, string schema) => new()
    {
        Name = "PostgreSQL",
        OciRef = ociRef,
        Version = new CreatePackageVersionRequest { Semver = "1.0.0", Ref = ociRef + ":1.0.0", InputSchema = JsonDocument.Parse(schema).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) },
    };
}
