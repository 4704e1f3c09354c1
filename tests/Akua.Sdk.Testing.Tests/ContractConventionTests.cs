using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing.Tests;

/// <summary>The emulator against the operation table generated from the document.</summary>
public sealed class ContractConventionTests
{
    public static TheoryData<string> OperationIds() => [.. AkuaOperations.All.Select(o => o.OperationId)];

    [Theory]
    [MemberData(nameof(OperationIds))]
    public async Task Every_operation_of_the_document_has_a_route_at_its_method_and_path(string operationId)
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var operation = AkuaOperations.All.Single(o => o.OperationId == operationId);

        Assert.True(emulator.Routes.ByOperationId.TryGetValue(operationId, out var route), operationId);
        Assert.Same(operation, route.Operation);

        // A request at the operation's method and template reaches its route: no 404 7000, no 405.
        var path = operation.PathTemplate.Replace("{id}", "x_missing", StringComparison.Ordinal);
        var answer = await api.Send(operation.Method, path, operation.Method == HttpMethod.Get ? null : "{}", ("if-match", "1"));
        var code = answer.Status >= 400 ? answer.Json.GetProperty("errors")[0].GetProperty("code").GetInt32() : 0;
        Assert.NotEqual(405, answer.Status);
        Assert.NotEqual(7000, code);
    }

    [Fact]
    public async Task The_route_table_holds_exactly_the_documents_operations()
    {
        await using var emulator = await AkuaEmulator.StartAsync();

        Assert.Equal(AkuaOperations.All.Select(o => o.OperationId).Order(StringComparer.Ordinal), emulator.Routes.ByOperationId.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Answers_meet_the_documents_response_schemas()
    {
        await using var emulator = await AkuaEmulator.StartAsync();
        using var api = new Api(emulator);
        var customer = emulator.AddCustomer("ana@example.com");
        using var ana = new Api(emulator, customer);
        var product = await api.CreateProduct(extra: ""","custom_image":"https://example.com/a.png" """);
        var id = product.GetProperty("id").GetString()!;
        var offer = await api.CreateOffer(id, ""","allowed_emails":["ana@example.com"],"field_values":{"a":{"value":[1],"locked":false}},"expires_at":4102444800""");
        var offerId = offer.GetProperty("id").GetString()!;
        var archived = await api.Post($"offers/{offerId}:archive", null, ("if-match", offer.GetProperty("etag").GetString()!));

        var answers = new (Answer Answer, AkuaSchemaRules Schema)[]
        {
            (await api.Get("products/" + id), ProductRules.ThisSchema),
            (await api.Get("products"), ProductListRules.ThisSchema),
            (await api.Post($"products/{id}:archive", """{"archive_reason":"eol"}""", ("if-match", product.GetProperty("etag").GetString()!)), ProductRules.ThisSchema),
            (await api.Get("offers/" + offerId), OfferRules.ThisSchema),
            (await api.Get("offers"), OfferListRules.ThisSchema),
            (archived, OfferRules.ThisSchema),
            (await ana.Get("offers:resolve?short_hash=" + offer.GetProperty("short_hash").GetString()), OfferRules.ThisSchema),
            (await api.Post("offers", $$"""{"package_version_id":"{{await api.VersionId()}}"}"""), OfferCreatedRules.ThisSchema),
            (await api.Get("products/prod_missing"), ApiErrorResponseRules.ThisSchema),
            (await api.Post("offers", "{}"), ApiErrorResponseRules.ThisSchema),
        };

        foreach (var (answer, schema) in answers)
        {
            Assert.True(answer.Status < 500, answer.Text);
            var problems = new SchemaValidator();
            problems.Object(answer.Json, schema, ["response"]);
            Assert.True(problems.IsValid, $"{schema.Name}: {string.Join("; ", problems.Errors.Select(e => e.Message))}\n{answer.Text}");
        }
    }

    [Fact]
    public async Task Answers_of_the_catalogue_and_the_journey_meet_the_documents_response_schemas()
    {
        await using var journey = await Journey.StartAsync();
        var api = journey.Api;
        var creating = await api.Post("packages", """{"name":"Redis","sources":[{"kind":"helm","repo_url":"oci://registry-1.docker.io/bitnamicharts","chart":"redis","target_revision":"7.2.0"}]}""");
        var offer = await journey.NewOffer("""{"type":"object","properties":{"size":{"type":"string"}}}""");
        var draft = journey.DraftAt(offer.Id, OrderDraftStatus.Install);
        var draftId = draft.Id;

        var sessionId = (await journey.Akua.OrderDrafts.ListCheckoutSessionsPageAsync(draftId)).Data[0].Id;
        var installId = draft.Delivery!.InstallId!;
        var running = await api.Get("installs/" + installId + "/status");
        journey.SettleOperations();
        var package = offer.PackageId;
        var version = offer.PackageVersionId;

        var answers = new (Answer Answer, AkuaSchemaRules Schema)[]
        {
            (creating, PackageOperationRules.ThisSchema),
            (await api.Get("operations/" + creating.Str("id")), OperationRules.ThisSchema),
            (await api.Post($"operations/{creating.Str("id")}:wait?timeout=1", null), OperationRules.ThisSchema),
            (await api.Get("operations"), OperationListRules.ThisSchema),
            (await api.Get("operations/" + draft.InstallOperationId), OperationRules.ThisSchema),
            (await api.Get("packages?view=full"), PackageListRules.ThisSchema),
            (await api.Get("packages/" + package), PackageRules.ThisSchema),
            (await api.Get($"packages/{package}/versions"), PackageVersionListRules.ThisSchema),
            (await api.Get($"packages/{package}/versions/{version}"), PackageVersionRules.ThisSchema),
            (await api.Get("order_drafts?offer=" + offer.Id), OrderDraftListRules.ThisSchema),
            (await api.Get("order_drafts/" + draftId), OrderDraftRules.ThisSchema),
            (await api.Get($"order_drafts/{draftId}/checkout_sessions"), CheckoutSessionListRules.ThisSchema),
            (await api.Get($"order_drafts/{draftId}/checkout_sessions/{sessionId}"), CheckoutSessionRules.ThisSchema),
            (await api.Get("installs"), InstallListRules.ThisSchema),
            (await api.Get("installs/" + installId), InstallRules.ThisSchema),
            (running, InstallStatusRules.ThisSchema),
            (await api.Get("installs/" + installId + "/status"), InstallStatusRules.ThisSchema),
            (await api.Post($"order_drafts/{draftId}:cancel", null, ("if-match", "0")), ApiErrorResponseRules.ThisSchema),
        };

        foreach (var (answer, schema) in answers)
        {
            Assert.True(answer.Status < 500, answer.Text);
            var problems = new SchemaValidator();
            problems.Object(answer.Json, schema, ["response"]);
            Assert.True(problems.IsValid, $"{schema.Name}: {string.Join("; ", problems.Errors.Select(e => e.Message))}\n{answer.Text}");
        }
    }

    [Fact]
    public void The_validator_can_fail()
    {
        var problems = new SchemaValidator();
        using var document = JsonDocument.Parse("""{"id":"","short_hash":1,"extra":true}""");

        problems.Object(document.RootElement, OfferCreatedRules.ThisSchema, ["body"]);

        Assert.Equal(["body/id", "body/short_hash"], problems.Errors.Select(e => string.Join('/', e.Path!)).Order(StringComparer.Ordinal));
    }
}
