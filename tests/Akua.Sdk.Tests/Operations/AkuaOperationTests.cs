using System.Net;
using Akua.Sdk.Tests.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Tests.Operations;

/// <summary><see cref="AkuaOperation{T}"/>: success, failure, cancellation and resuming by id.</summary>
public sealed class AkuaOperationTests
{
    [Fact]
    public async Task A_successful_build_waits_then_reads_the_package_it_made()
    {
        using var fixture = new ClientFixture();
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.Accepted, OperationPayloads.PackageBuild("RUNNING")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.Package));
        var operation = await fixture.Client.Packages.CreateAsync(Build(), new AkuaRequestOptions { IdempotencyKey = "build-1" });
        Assert.Throws<InvalidOperationException>(() => operation.Value);

        var package = await operation.WaitForCompletionAsync();

        Assert.Equal(OperationPayloads.PackageId, package.Id);
        Assert.Same(package, operation.Value);
        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Equal(["POST", "POST", "GET"], fixture.Requests.Select(r => r.Method.Method));
        Assert.EndsWith($"/operations/{OperationPayloads.OperationId}:wait?timeout=30", fixture.Requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith($"/packages/{OperationPayloads.PackageId}", fixture.Requests[2].Uri.AbsoluteUri, StringComparison.Ordinal);
        // The create's key is the create's alone: the wait and the read carry none.
        Assert.Equal("build-1", fixture.Requests[0].Header("idempotency-key"));
        Assert.Null(fixture.Requests[2].Header("idempotency-key"));
    }

    [Theory]
    [InlineData("FAILED", "The chart could not be fetched.")]
    [InlineData("CANCELLED", null)]
    public async Task A_build_that_ends_without_success_throws_with_the_operations_error_and_id(string state, string? error)
    {
        using var fixture = new ClientFixture();
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.Accepted, OperationPayloads.PackageBuild("RUNNING")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackageBuild(state, error)));
        var operation = await fixture.Client.Packages.CreateAsync(Build());

        var failed = await Assert.ThrowsAsync<AkuaOperationFailedException>(() => operation.WaitForCompletionAsync());

        Assert.Equal(OperationPayloads.OperationId, failed.OperationId);
        Assert.Equal(new OperationState(state), failed.State);
        Assert.Equal(error, failed.Error?.Message);
        Assert.Contains(state, failed.Message, StringComparison.Ordinal);
        Assert.Throws<AkuaOperationFailedException>(() => operation.Value);
        Assert.Equal(2, fixture.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_the_wait_leaves_the_operation_running_and_resumable()
    {
        var time = new FakeTimeProvider();
        using var fixture = new ClientFixture(o => o.TimeProvider = time);
        fixture.RespondWith(HttpStatusCode.Accepted, OperationPayloads.PackageBuild("RUNNING"));
        var operation = await fixture.Client.Packages.CreateAsync(Build());
        using var stop = new CancellationTokenSource();

        var waiting = operation.WaitForCompletionAsync(stop.Token);
        await OperationsClientTests.Drive(time, waiting, TimeSpan.FromSeconds(30), limit: 2);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(operation.HasCompleted);
    }

    [Fact]
    public async Task An_operation_resumes_from_its_id_in_another_client()
    {
        using var fixture = new ClientFixture();
        fixture.RespondInTurn(
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackageBuild("RUNNING")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")),
            () => ClientFixture.Json(HttpStatusCode.OK, OperationPayloads.Package));

        var resumed = await AkuaOperation<Package>.ResumeAsync(fixture.Client, OperationPayloads.OperationId);
        Assert.False(resumed.HasCompleted);
        await resumed.UpdateStatusAsync();

        Assert.True(resumed.HasValue);
        Assert.Equal(OperationPayloads.PackageId, resumed.Value.Id);
        Assert.Equal($"https://api.akua.dev/v1/operations/{OperationPayloads.OperationId}", fixture.Requests[1].Uri.AbsoluteUri);
        await Assert.ThrowsAsync<ArgumentException>(() => AkuaOperation<Offer>.ResumeAsync(fixture.Client, "op_1"));
    }

    [Fact]
    public async Task An_operation_of_a_kind_newer_than_the_sdk_still_reads()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")
            .Replace("\"type\":\"package.create\",\"idempotency_key\"", "\"type\":\"workspace.migrate\",\"idempotency_key\"", StringComparison.Ordinal)
            .Replace("\"type\":\"package.create\",\"package_id\"", "\"type\":\"workspace.migrate\",\"package_id\"", StringComparison.Ordinal));

        var operation = await fixture.Client.Operations.GetAsync("op_1");

        Assert.Equal("workspace.migrate", operation.Kind);
        Assert.Null(operation.PackageCreateMetadata);
        Assert.Null(operation.PackageCreateResponse);
        Assert.Equal("workspace.migrate", operation.Response!.Value.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("\"type\":\"install.create\",")]
    [InlineData("\"type\":true,")]
    [InlineData("")]
    public async Task A_response_is_typed_by_its_own_type_not_by_the_metadatas(string responseType)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")
            .Replace("\"type\":\"package.create\",\"package_id\"", responseType + "\"package_id\"", StringComparison.Ordinal));

        var operation = await fixture.Client.Operations.GetAsync("op_1");

        Assert.Equal("package.create", operation.Kind);
        Assert.NotNull(operation.PackageCreateMetadata);
        Assert.Null(operation.PackageCreateResponse);
    }

    [Fact]
    public async Task A_succeeded_build_whose_response_is_of_another_kind_is_an_invalid_response_not_a_package()
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")
            .Replace("\"type\":\"package.create\",\"package_id\"", "\"type\":\"install.create\",\"package_id\"", StringComparison.Ordinal));

        await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => AkuaOperation<Package>.ResumeAsync(fixture.Client, "op_1"));
        Assert.Single(fixture.Requests);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("pkg_longer_than_the_documents_fifty_four_characters_limit_x")]
    public async Task A_succeeded_build_naming_a_package_id_that_cannot_be_read_is_an_invalid_response_not_the_callers_mistake(string packageId)
    {
        using var fixture = new ClientFixture();
        fixture.RespondWith(HttpStatusCode.OK, OperationPayloads.PackageBuild("SUCCEEDED")
            .Replace($"\"package_id\":\"{OperationPayloads.PackageId}\"", $"\"package_id\":\"{packageId}\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<AkuaInvalidResponseException>(() => AkuaOperation<Package>.ResumeAsync(fixture.Client, "op_1"));

        Assert.Contains("package_id", error.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Requests);
    }

    private static CreatePackageRequest Build() => new()
    {
        Name = "PostgreSQL",
        Sources = [new HelmPackageSource { Kind = HelmSourceKind.Helm, RepoUrl = "oci://registry.example.com/charts", Chart = "postgresql", TargetRevision = "1.2.3" }],
    };
}
