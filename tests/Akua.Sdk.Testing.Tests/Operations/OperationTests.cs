using System.Diagnostics;
using Akua.Sdk.Testing.Tests.Packages;

namespace Akua.Sdk.Testing.Tests.Operations;

/// <summary>Long-running operations: list, get, the long-polling wait on the emulator's clock, cancel.</summary>
public sealed class OperationTests
{
    [Fact]
    public async Task Get_shows_the_steps_and_the_list_leaves_them_out_and_filters_by_owner()
    {
        await using var journey = await Journey.StartAsync();
        var first = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("One"));
        var second = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Two"));

        var read = await journey.Akua.Operations.GetAsync(first.Id);
        var all = await journey.Api.Get("operations");
        var owned = await journey.Api.Get($"operations?owner_type=package&owner_id={second.Current.OwnerId}");
        var typeAlone = await journey.Api.Get("operations?owner_type=package");
        var idAlone = await journey.Api.Get("operations?owner_id=" + second.Current.OwnerId);

        Assert.Equal(["validate_source", "import_chart", "publish_version"], read.Steps!.Select(s => s.Name));
        Assert.Equal(OperationStepStatus.Running, read.Steps![0].Status);
        Assert.Equal([second.Id, first.Id], all.Json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.All(all.Json.GetProperty("data").EnumerateArray(), o => Assert.False(o.TryGetProperty("steps", out _)));
        Assert.Equal([second.Id], owned.Json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(400, typeAlone.Status);
        Assert.Equal(["query/owner_id"], typeAlone.ErrorPaths);
        Assert.Equal(2, idAlone.Json.GetProperty("data").GetArrayLength());
        await Assert.ThrowsAsync<AkuaNotFoundException>(() => journey.Akua.Operations.GetAsync("op_missing"));
    }

    [Fact]
    public async Task Wait_returns_as_soon_as_the_operation_completes()
    {
        await using var journey = await Journey.StartAsync();
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));

        // The emulator's clock never reaches the 60 s timeout: only the completion can end the wait.
        var wait = journey.Akua.Operations.WaitAsync(operation.Id, TimeSpan.FromSeconds(60));
        await Task.Delay(200);
        Assert.False(wait.IsCompleted);
        var stopwatch = Stopwatch.StartNew();
        journey.SettleOperations();
        var done = await wait.WaitAsync(Journey.Bound);

        Assert.True(done.Done);
        Assert.Equal(OperationState.Succeeded, done.State);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Wait_returns_the_running_operation_when_its_timeout_passes_on_the_emulator_clock()
    {
        await using var journey = await Journey.StartAsync(o => o.OperationDuration = TimeSpan.FromMinutes(10));
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Slow"));

        var wait = journey.Api.Post($"operations/{operation.Id}:wait?timeout=2", null);
        await Task.Delay(200);
        journey.Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.False(wait.IsCompleted);
        journey.Clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await wait.WaitAsync(Journey.Bound);

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Json.GetProperty("done").GetBoolean());
        Assert.Equal("RUNNING", answer.Str("state"));
        Assert.Equal(400, (await journey.Api.Post($"operations/{operation.Id}:wait?timeout=61", null)).Status);
    }

    [Fact]
    public async Task A_wait_in_progress_holds_up_no_other_request()
    {
        await using var journey = await Journey.StartAsync();
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));
        var wait = journey.Api.Post($"operations/{operation.Id}:wait?timeout=60", null);
        await Task.Delay(100);

        var read = await journey.Api.Get("operations/" + operation.Id).WaitAsync(Journey.Bound);
        var created = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Other")).WaitAsync(Journey.Bound);

        Assert.Equal(200, read.Status);
        Assert.False(wait.IsCompleted);
        journey.SettleOperations();
        Assert.True((await wait.WaitAsync(Journey.Bound)).Json.GetProperty("done").GetBoolean());
        Assert.True((await journey.Akua.Operations.GetAsync(created.Id)).Done);
    }

    [Fact]
    public async Task A_create_replayed_with_its_idempotency_key_answers_the_same_operation()
    {
        await using var journey = await Journey.StartAsync();
        var options = new AkuaRequestOptions { IdempotencyKey = "create-redis" };

        var first = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"), options);
        var again = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"), options);
        var changed = await Assert.ThrowsAsync<AkuaConflictException>(() => journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Valkey"), options));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(409, changed.StatusCode);
        Assert.Single((await journey.Api.Get("operations")).Json.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Wait_on_an_ended_operation_answers_at_once()
    {
        await using var journey = await Journey.StartAsync();
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));
        journey.SettleOperations();

        var done = await journey.Akua.Operations.WaitAsync(operation.Id, TimeSpan.FromSeconds(60)).WaitAsync(Journey.Bound);

        Assert.True(done.Done);
        Assert.Equal(404, (await journey.Api.Post("operations/op_missing:wait", null)).Status);
    }

    [Fact]
    public async Task WaitForCompletion_ends_when_the_test_moves_the_clock()
    {
        await using var journey = await Journey.StartAsync();
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));

        var completion = journey.Akua.Operations.WaitForCompletionAsync(operation.Id);
        await Task.Delay(100);
        journey.SettleOperations();

        Assert.Equal(OperationState.Succeeded, (await completion.WaitAsync(Journey.Bound)).State);
    }

    [Fact]
    public async Task Cancel_ends_a_running_operation_and_wakes_its_waiters_and_refuses_an_ended_one()
    {
        await using var journey = await Journey.StartAsync();
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));
        var wait = operation.WaitForCompletionAsync();
        await Task.Delay(100);

        var answer = await journey.Api.Post($"operations/{operation.Id}:cancel", null);
        var failure = await Assert.ThrowsAsync<AkuaOperationFailedException>(() => wait.WaitAsync(Journey.Bound));
        var again = await journey.Api.Post($"operations/{operation.Id}:cancel", null);
        journey.SettleOperations();

        Assert.Equal(202, answer.Status);
        Assert.Equal("CANCELLED", answer.Str("state"));
        Assert.Equal(OperationState.Cancelled, failure.State);
        Assert.NotNull(failure.Error);
        Assert.Equal(422, again.Status);
        Assert.Equal(OperationState.Cancelled, (await journey.Akua.Operations.GetAsync(operation.Id)).State);
        Assert.Empty((await journey.Api.Get("packages")).Json.GetProperty("data").EnumerateArray());
        Assert.Equal(404, (await journey.Api.Post("operations/op_missing:cancel", null)).Status);
    }

    [Fact]
    public async Task WaitForCompletion_ends_with_the_result_through_injected_503s_and_dropped_connections()
    {
        await using var journey = await Journey.StartAsync();

        // The client on the emulator's clock too, so its pauses after failures pass as the test moves it.
        using var akua = journey.Emulator.CreateClient(o => o.TimeProvider = journey.Clock);
        var operation = await akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));
        journey.Emulator.Faults.Enqueue(AkuaFault.Status(503), count: 2);
        journey.Emulator.Faults.Enqueue(AkuaFault.DropConnection());
        var before = journey.Emulator.RequestCount;

        var completion = operation.WaitForCompletionAsync();
        using var bound = new CancellationTokenSource(Journey.Bound);
        while (!completion.IsCompleted && !bound.IsCancellationRequested)
        {
            journey.Clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(completion, Task.Delay(20));
        }

        var package = await completion.WaitAsync(Journey.Bound);
        Assert.Equal("Redis", package.Name);
        Assert.Equal(0, journey.Emulator.Faults.Count);
        Assert.InRange(journey.Emulator.RequestCount - before, 4, 20);
    }

    [Fact]
    public async Task Disposing_the_emulator_ends_its_long_polls()
    {
        var journey = await Journey.StartAsync();
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));
        using var http = new HttpClient { BaseAddress = journey.Emulator.BaseAddress, Timeout = Journey.Bound };
        http.DefaultRequestHeaders.Authorization = new("Bearer", journey.Emulator.ApiToken);
        var wait = http.PostAsync(new Uri($"./operations/{operation.Id}:wait?timeout=60", UriKind.Relative), null);
        await Task.Delay(200);

        var stopwatch = Stopwatch.StartNew();
        await journey.DisposeAsync();
        var answer = await wait.WaitAsync(Journey.Bound);

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Operations_of_another_workspace_are_not_found()
    {
        await using var journey = await Journey.StartAsync(o => o.AdditionalTokens["sk_other"] = "ws_other");
        var operation = await journey.Akua.Packages.CreateAsync(PackageTests.NewPackage("Redis"));
        using var other = new Api(journey.Emulator, "sk_other");

        Assert.Equal(404, (await other.Get("operations/" + operation.Id)).Status);
        Assert.Equal(404, (await other.Post($"operations/{operation.Id}:wait", null)).Status);
        Assert.Equal(0, (await other.Get("operations")).Json.GetProperty("data").GetArrayLength());
    }
}
