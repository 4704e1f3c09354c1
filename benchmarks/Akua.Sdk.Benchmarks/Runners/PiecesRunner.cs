using System.Text.Json;
using System.Text.Json.Serialization;
using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;
using static Akua.Sdk.Benchmarks.Runners.Report;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// Where the bytes go: allocated bytes (GC.GetAllocatedBytesForCurrentThread deltas) of each piece
/// of a call, and of each layer of the chain (the same call with and without the resilience
/// pipeline), the SDK's and the floor's side by side. Public API only: the SDK's models are read
/// through a source-generated context of this project.
/// </summary>
internal static class PiecesRunner
{
    public static void Run()
    {
        var create = new CreateOfferRequest { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
        var hwCreate = new HwCreateOfferRequest { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
        var hw = HandWrittenJson.Default;
        var sdkModels = SdkModelsJson.Default;

        // The same metadata with System.Text.Json's required-property tracking turned off: what the tracking costs per offer.
        var untracked = new JsonSerializerOptions(sdkModels.Options)
        {
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(sdkModels, static type =>
            {
                foreach (var property in type.Properties)
                {
                    property.IsRequired = false;
                }
            }),
        };
        var untrackedOffer = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Offer>)untracked.GetTypeInfo(typeof(Offer));
        var baseUri = Inputs.InMemoryBase.AbsoluteUri;
        var handler = new CannedHandler(totalPages: 1);
        using var plainHttp = new HttpClient(handler, disposeHandler: false);
        using var clients = new ResilientClients(_ => handler, Inputs.InMemoryBase, "floor");
        var floorPlain = new FloorContender(plainHttp, Inputs.InMemoryBase, "floor, plain HttpClient");
        var floorResilient = new FloorContender(clients.Raw("floor"), Inputs.InMemoryBase);
        var sdkOptions = SdkContender.Options(Inputs.InMemoryBase, handler);
        sdkOptions.EnableResilience = false;
        using var sdkPlainClient = new AkuaClient(sdkOptions);
        using var sdkClient = new AkuaClient(SdkContender.Options(Inputs.InMemoryBase, handler));
        var sdkPlain = new SdkContender(sdkPlainClient, "sdk, EnableResilience = false");
        var sdk = new SdkContender(sdkClient);
        var sdkDi = new SdkContender(clients.Sdk, ContenderSet.SdkDi);

        var rows = new List<string[]>
        {
            Row("deserialize offer (1.8 KB) into the SDK's Offer (its generated attributes and converters)", "sdk", () => JsonSerializer.Deserialize(CannedBodies.Offer, sdkModels.Offer)),
            Row("deserialize offer into the SDK's Offer with required-property tracking off (not what the SDK does: the difference is what `[JsonRequired]` costs)", "-", () => JsonSerializer.Deserialize(CannedBodies.Offer, untrackedOffer)),
            Row("deserialize offer into the floor's hand-written type", "floor", () => JsonSerializer.Deserialize(CannedBodies.Offer, hw.HwOffer)),
            Row($"serialize the SDK's CreateOfferRequest with System.Text.Json's generated metadata (fast path: {(sdkModels.CreateOfferRequest.SerializeHandler is null ? "no" : "yes")}; what the SDK's direct writer replaces)", "-", () => JsonSerializer.SerializeToUtf8Bytes(create, sdkModels.CreateOfferRequest)),
            Row($"serialize the floor's create request (fast path: {(hw.HwCreateOfferRequest.SerializeHandler is null ? "no" : "yes")})", "floor", () => JsonSerializer.SerializeToUtf8Bytes(hwCreate, hw.HwCreateOfferRequest)),
            Row("idempotency key Guid.NewGuid().ToString(\"N\")", "both", () => Guid.NewGuid().ToString("N")),
            Row("absolute Uri from base + path", "both", () => new Uri(baseUri + "offers/" + Payloads.OfferId, UriKind.Absolute)),
        };
        foreach (var (op, label) in new[] { (Operations.Get, "get"), (Operations.Create, "create") })
        {
            rows.Add(CallRow($"{label}: floor over a plain HttpClient (no resilience)", "floor", Operations.Bind(floorPlain, op)));
            rows.Add(CallRow($"{label}: floor with AddStandardResilienceHandler", "floor", Operations.Bind(floorResilient, op)));
            rows.Add(CallRow($"{label}: new AkuaClient(options) with EnableResilience = false", "sdk", Operations.Bind(sdkPlain, op)));
            rows.Add(CallRow($"{label}: new AkuaClient(options), resilience on", "sdk", Operations.Bind(sdk, op)));
            rows.Add(CallRow($"{label}: AddAkuaSdk, resilience on", "sdk-di", Operations.Bind(sdkDi, op)));
        }

        Section(
            "Where the bytes go: pieces and layers of a call",
            "Allocated bytes per call of each piece on its own, and of whole calls with and without the resilience pipeline (GC.GetAllocatedBytesForCurrentThread delta over 2,000 calls after a warm-up); `who` says which contender pays it.\n\n"
            + Table(["piece", "who", "allocated per call"], rows));
    }

    private static string[] CallRow(string piece, string who, Func<Task> call) =>
        [piece, who, Bytes(InProcessRunner.AllocatedPerCall(call, 2000))];

    private static string[] Row(string piece, string who, Func<object?> action)
    {
        const int calls = 2000;
        for (var i = 0; i < 200; i++)
        {
            GC.KeepAlive(action());
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            GC.KeepAlive(action());
        }

        return [piece, who, Bytes((GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls)];
    }
}

/// <summary>The SDK's public models in a context of this project, options as the SDK documents them (nulls left out).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Offer))]
[JsonSerializable(typeof(CreateOfferRequest))]
internal sealed partial class SdkModelsJson : JsonSerializerContext;
