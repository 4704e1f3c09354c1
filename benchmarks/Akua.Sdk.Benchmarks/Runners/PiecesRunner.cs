using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akua.Sdk.Benchmarks.Contenders;
using Akua.Sdk.Benchmarks.Fixtures;
using static Akua.Sdk.Benchmarks.Runners.Report;

namespace Akua.Sdk.Benchmarks.Runners;

/// <summary>
/// Where the bytes go: allocated bytes (GC.GetAllocatedBytesForCurrentThread deltas) of each piece
/// of a call, the SDK's and the floor's side by side. Internal SDK pieces are reached by reflection
/// (this is an experiment, not a contender).
/// </summary>
internal static class PiecesRunner
{
    public static void Run()
    {
        var sdk = typeof(AkuaClient).Assembly;
        var context = (JsonSerializerContext)sdk.GetType("Akua.Sdk.Serialization.AkuaJsonContext", throwOnError: true)!
            .GetProperty("Default", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var offerInfo = (JsonTypeInfo<Offer>)context.GetTypeInfo(typeof(Offer))!;
        var productInfo = (JsonTypeInfo<Product>)context.GetTypeInfo(typeof(Product))!;
        var createInfo = (JsonTypeInfo<CreateOfferRequest>)context.GetTypeInfo(typeof(CreateOfferRequest))!;
        var updateInfo = (JsonTypeInfo<UpdateProductRequest>)context.GetTypeInfo(typeof(UpdateProductRequest))!;
        var validateOffer = sdk.GetType("Akua.Sdk.OfferRequestValidation", throwOnError: true)!
            .GetMethod("Validate", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(CreateOfferRequest), typeof(string)])!
            .CreateDelegate<Action<CreateOfferRequest, string>>();
        var validateUpdate = sdk.GetType("Akua.Sdk.ProductRequestValidation", throwOnError: true)!
            .GetMethod("Validate", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(UpdateProductRequest), typeof(string)])!
            .CreateDelegate<Action<UpdateProductRequest, string>>();

        var create = new CreateOfferRequest { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
        var hwCreate = new HwCreateOfferRequest { ProductId = Payloads.ProductId, AllowedEmails = [Inputs.Email], MaxUses = Inputs.MaxUses, Notes = Inputs.Notes };
        var update = new UpdateProductRequest { Name = Inputs.NewProductName };
        var hw = HandWrittenJson.Default;
        var baseUri = Inputs.InMemoryBase.AbsoluteUri;

        var rows = new List<string[]>
        {
            Row("deserialize offer (1.8 KB) into the SDK's Offer", "sdk", () => JsonSerializer.Deserialize(CannedBodies.Offer, offerInfo)),
            Row("deserialize offer into the floor's hand-written type", "floor", () => JsonSerializer.Deserialize(CannedBodies.Offer, hw.HwOffer)),
            Row("deserialize product into the SDK's Product", "sdk", () => JsonSerializer.Deserialize(CannedBodies.Product, productInfo)),
            Row("deserialize product into the floor's type", "floor", () => JsonSerializer.Deserialize(CannedBodies.Product, hw.HwProduct)),
            Row($"serialize CreateOfferRequest (SDK; source-generated fast path: {(createInfo.SerializeHandler is null ? "no" : "yes")})", "sdk", () => JsonSerializer.SerializeToUtf8Bytes(create, createInfo)),
            Row($"serialize the floor's create request (fast path: {(hw.HwCreateOfferRequest.SerializeHandler is null ? "no" : "yes")})", "floor", () => JsonSerializer.SerializeToUtf8Bytes(hwCreate, hw.HwCreateOfferRequest)),
            Row("serialize UpdateProductRequest (SDK)", "sdk", () => JsonSerializer.SerializeToUtf8Bytes(update, updateInfo)),
            Row("validate CreateOfferRequest (OfferRequestValidation)", "sdk", () => validateOffer(create, "request")),
            Row("validate UpdateProductRequest (ProductRequestValidation)", "sdk", () => validateUpdate(update, "update")),
            Row("MailAddress.TryCreate of one allowed email", "sdk", () => System.Net.Mail.MailAddress.TryCreate(Inputs.Email, out _)),
            Row("idempotency key Guid.NewGuid().ToString(\"N\")", "both", () => Guid.NewGuid().ToString("N")),
            Row("absolute Uri from base + path", "both", () => new Uri(baseUri + "offers/" + Payloads.OfferId, UriKind.Absolute)),
            Row("HttpRequestMessage + 5 raw headers (TryAddWithoutValidation)", "sdk", () =>
            {
                var m = new HttpRequestMessage(HttpMethod.Get, Inputs.InMemoryBase);
                m.Headers.TryAddWithoutValidation("Accept", "application/json");
                m.Headers.TryAddWithoutValidation("User-Agent", "Akua.Sdk/0.1.0");
                m.Headers.TryAddWithoutValidation("Authorization", "Bearer x");
                m.Headers.TryAddWithoutValidation("idempotency-key", "k");
                m.Headers.TryAddWithoutValidation("if-match", "7");
                return m;
            }),
            Row("response Content-Type parsed (Content.Headers.ContentType.MediaType), net of building the response", "sdk", () => NewResponse().Content.Headers.ContentType?.MediaType, () => NewResponse()),
            Row("response Content-Type read raw (Headers.NonValidated), net of building the response", "sdk", () => NewResponse().Content.Headers.NonValidated.TryGetValues("Content-Type", out _), () => NewResponse()),
        };

        Section(
            "Where the bytes go: pieces of a call",
            "Allocated bytes per call of each piece on its own (GC.GetAllocatedBytesForCurrentThread delta over 2,000 calls after a warm-up); `who` says which contender pays it.\n\n"
            + Table(["piece", "who", "allocated per call"], rows));
    }

    private static HttpResponseMessage NewResponse()
    {
        var r = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(CannedBodies.OfferCreated) };
        r.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return r;
    }

    private static string[] Row(string piece, string who, Func<object?> action, Func<object?>? subtract = null)
    {
        var bytes = Measure(action) - (subtract is null ? 0 : Measure(subtract));
        return [piece, who, Bytes(bytes)];
    }

    private static double Measure(Func<object?> action)
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

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }

    private static string[] Row(string piece, string who, Action action) => Row(piece, who, () =>
    {
        action();
        return null;
    });
}
