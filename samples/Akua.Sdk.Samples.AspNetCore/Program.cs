// A minimal API that sells through Akua.
//
//   dotnet run --project samples/Akua.Sdk.Samples.AspNetCore
//   curl -X POST localhost:5000/deals -H 'content-type: application/json' \
//        -d '{"productId":"<id printed at start-up>","email":"jsmith@example.com","maxUses":1}'
//
// With no Akua:ApiToken configured (e.g. AKUA__APITOKEN) it starts an Akua emulator in-process and
// seeds a demo product, so it runs offline.
using Akua.Sdk;
using Akua.Sdk.Testing;

var builder = WebApplication.CreateBuilder(args);

AkuaEmulator? emulator = null;
if (string.IsNullOrEmpty(builder.Configuration["Akua:ApiToken"]))
{
    emulator = await AkuaEmulator.StartAsync();
    builder.Configuration["Akua:BaseAddress"] = emulator.BaseAddress.AbsoluteUri;
    builder.Configuration["Akua:ApiToken"] = emulator.ApiToken;
}

// The one line that matters: clients bound to the "Akua" section, validated at start-up.
builder.Services.AddAkuaSdk(builder.Configuration.GetSection("Akua"));

// AkuaException (and the SDK's ArgumentExceptions) become RFC 7807 problem details: no try/catch below.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<AkuaProblemDetails>();

// Akua has no webhooks: a background service watches the offers' order drafts and logs redemptions.
builder.Services.AddHostedService<RedemptionWatcher>();

var app = builder.Build();
app.UseExceptionHandler();

if (emulator is not null)
{
    app.Lifetime.ApplicationStopped.Register(() => emulator.DisposeAsync().AsTask().GetAwaiter().GetResult());
    var demo = await app.Services.GetRequiredService<IProductsClient>().CreateAsync(new CreateProductRequest
    {
        Name = "Demo product",
        PackageId = emulator.AddPackage("Demo package"),
        PackageVersionPin = PackageVersionPin.Latest,
    });
    app.Logger.LogInformation("Akua emulator at {BaseAddress}; demo product {ProductId}", emulator.BaseAddress, demo.Id);
}

// Creates a private offer for one customer and returns the link to send them.
app.MapPost("/deals", async (DealRequest deal, IOffersClient offers, CancellationToken cancellationToken) =>
{
    var created = await offers.CreateAsync(
        new CreateOfferRequest
        {
            ProductId = deal.ProductId,
            AllowedEmails = [deal.Email],
            MaxUses = deal.MaxUses ?? 1,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(deal.ValidForDays ?? 14),
        },
        cancellationToken: cancellationToken);
    return Results.Created($"/deals/{created.Id}", new DealCreated(created.Id, $"/i/{created.ShortHash}"));
});

// The deal as Akua stores it.
app.MapGet("/deals/{offerId}", async (string offerId, IOffersClient offers, CancellationToken cancellationToken) =>
{
    var offer = await offers.GetAsync(offerId, cancellationToken: cancellationToken);
    return Results.Ok(new DealStatus(offer.Id, offer.Status.Value, offer.UsedCount ?? 0, offer.MaxUses?.MaxUses, offer.ExpiresAt));
});

app.Run();

internal sealed record DealRequest(string ProductId, string Email, int? MaxUses, int? ValidForDays);

internal sealed record DealCreated(string OfferId, string Link);

// MaxUses is null when the offer has no limit.
internal sealed record DealStatus(string OfferId, string Status, int UsedCount, int? MaxUses, DateTimeOffset? ExpiresAt);
