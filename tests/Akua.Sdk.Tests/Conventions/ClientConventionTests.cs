using Akua.Sdk.Tests.Pipeline;
using System.Net;
using System.Reflection;
using Akua.Sdk.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace Akua.Sdk.Tests.Conventions;

/// <summary>
/// The conventions every API area follows (as Octokit keeps its own): each operation of the
/// document has an SDK method, each public client method ends with the per-call options and a
/// cancellation token, each list has a page form and a lazy form, and each area is reachable from
/// <see cref="IAkuaClient"/> and dependency injection, keyed and not.
/// </summary>
public sealed class ClientConventionTests
{
    /// <summary>The resource client interfaces: the properties of <see cref="IAkuaClient"/>.</summary>
    public static IReadOnlyList<Type> Areas { get; } = [.. typeof(IAkuaClient).GetProperties().Select(p => p.PropertyType)];

    private static IEnumerable<MethodInfo> ClientMethods => Areas.SelectMany(area => area.GetMethods());

    [Fact]
    public void Every_public_client_method_ends_with_options_and_a_cancellation_token()
    {
        var nullability = new NullabilityInfoContext();
        var wrong = new List<string>();
        foreach (var method in ClientMethods)
        {
            var parameters = method.GetParameters();
            var ok = parameters.Length >= 2
                && parameters[^1] is { Name: "cancellationToken", HasDefaultValue: true } token && token.ParameterType == typeof(CancellationToken)
                && parameters[^2] is { Name: "options", HasDefaultValue: true, DefaultValue: null } options && options.ParameterType == typeof(AkuaRequestOptions)
                && nullability.Create(parameters[^2]).WriteState == NullabilityState.Nullable;
            if (!ok)
            {
                wrong.Add($"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", parameters.Select(p => p.ParameterType.Name + " " + p.Name))})");
            }
        }

        Assert.True(wrong.Count == 0, "Must end with (AkuaRequestOptions? options = null, CancellationToken cancellationToken = default):\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public void Every_client_method_is_asynchronous()
    {
        var wrong = ClientMethods
            .Where(m => !(m.ReturnType == typeof(Task) || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(IAsyncEnumerable<>)))))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_list_has_a_page_form_and_a_lazy_form()
    {
        var pages = ClientMethods.Where(m => m.Name.EndsWith("PageAsync", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var item = page.ReturnType.GetGenericArguments().Single().GetGenericArguments().Single();
            Assert.Equal(typeof(Task<>).MakeGenericType(typeof(AkuaPage<>).MakeGenericType(item)), page.ReturnType);
            var lazyName = page.Name[..^"PageAsync".Length] + "Async";
            var lazy = page.DeclaringType!.GetMethods().SingleOrDefault(m => m.Name == lazyName && m.ReturnType == typeof(IAsyncEnumerable<>).MakeGenericType(item));
            Assert.True(lazy is not null, $"{page.DeclaringType.Name}.{page.Name} has no {lazyName} returning IAsyncEnumerable<{item.Name}>.");
            Assert.Equal(page.GetParameters().Select(p => (p.ParameterType, p.Name)), lazy.GetParameters().Select(p => (p.ParameterType, p.Name)));
        }
    }

    [Fact]
    public async Task Every_operation_in_the_document_has_an_sdk_method()
    {
        var recorder = new OperationRecorder();
        using var client = new AkuaClient(new AkuaClientOptions { ApiToken = "sk_akua_test_conventions", Transport = recorder, Retry = { MaxRetries = 0 } });
        var areas = typeof(IAkuaClient).GetProperties().ToDictionary(p => p.PropertyType, p => p.GetValue(client)!);

        foreach (var method in ClientMethods)
        {
            var arguments = method.GetParameters().Select(Sample).ToArray();
            await InvokeAsync(method.Invoke(areas[method.DeclaringType!], arguments));
        }

        var documented = AkuaOperations.All.Select(o => o.OperationId).Order(StringComparer.Ordinal).ToList();
        var missing = documented.Except(recorder.OperationIds).ToList();
        Assert.True(missing.Count == 0, "Operations of openapi/akua-v1.yaml no SDK method sends: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_area_is_registered_with_dependency_injection_keyed_and_not()
    {
        var services = new ServiceCollection();
        services.AddAkuaSdk(o => o.ApiToken = "sk_akua_test_conventions");
        services.AddAkuaSdk("tenant-a", o => o.ApiToken = "sk_akua_test_conventions");
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IAkuaClient>();
        var keyed = provider.GetRequiredKeyedService<IAkuaClient>("tenant-a");

        foreach (var property in typeof(IAkuaClient).GetProperties())
        {
            Assert.Same(property.GetValue(client), provider.GetRequiredService(property.PropertyType));
            Assert.Same(property.GetValue(keyed), provider.GetRequiredKeyedService(property.PropertyType, "tenant-a"));
            Assert.NotSame(property.GetValue(client), property.GetValue(keyed));
        }
    }

    /// <summary>A valid argument of each parameter type the clients take; a new area adds its request types here.</summary>
    private static object? Sample(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue && !(type == typeof(int)))
        {
            return parameter.DefaultValue;
        }

        return type switch
        {
            _ when type == typeof(string) => parameter.Name is "etag" ? "etag-1" : "id_conventions_1",
            _ when type == typeof(int) => 1,
            _ when type == typeof(CreateOfferRequest) => new CreateOfferRequest { ProductId = "prod_1" },
            _ when type == typeof(IEnumerable<CreateOfferRequest>) => new[] { new CreateOfferRequest { ProductId = "prod_1" } },
            _ when type == typeof(CreateProductRequest) => new CreateProductRequest { Name = "Conventions", PackageId = "pkg_1", PackageVersionPin = PackageVersionPin.Latest },
            _ when type == typeof(UpdateProductRequest) => new UpdateProductRequest { Name = "Conventions" },
            _ when type == typeof(Func<Product, UpdateProductRequest?>) => (Func<Product, UpdateProductRequest?>)(_ => new UpdateProductRequest { Name = "Conventions" }),
            _ when type == typeof(CreatePackageRequest) => new CreatePackageRequest { Name = "Conventions", Sources = [new HelmPackageSource { Kind = HelmSourceKind.Helm, RepoUrl = "oci://registry.example.com/charts", TargetRevision = "1.0.0" }] },
            _ when type == typeof(ImportPackageRequest) => new ImportPackageRequest { Name = "Conventions", OciRef = "oci://registry.example.com/c", Version = SampleVersion() },
            _ when type == typeof(CreatePackageVersionRequest) => SampleVersion(),
            _ when type == typeof(ListOrderDraftsOptions) => new ListOrderDraftsOptions { OfferId = "offer_conventions_1" },
            _ when type == typeof(IEnumerable<string>) => new[] { "offer_conventions_1" },
            _ when type == typeof(Offer) => AkuaModelFactory.Offer(),
            _ when type == typeof(Product) => AkuaModelFactory.Product(),
            _ => throw new InvalidOperationException($"Add a sample {type.Name} for parameter '{parameter.Name}' of {parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}."),
        };
    }

    private static CreatePackageVersionRequest SampleVersion() => new()
    {
        Semver = "1.0.0",
        Ref = "charts/c-1.0.0.tgz",
        InputSchema = new Dictionary<string, System.Text.Json.JsonElement>(),
    };

    private static async Task InvokeAsync(object? result)
    {
        try
        {
            switch (result)
            {
                case Task task:
                    await task;
                    break;
                case not null when result.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)) is { } enumerable:
                    var enumerator = enumerable.GetMethod("GetAsyncEnumerator")!.Invoke(result, [CancellationToken.None])!;
                    var moveNext = typeof(IAsyncEnumerator<>).MakeGenericType(enumerable.GetGenericArguments()).GetMethod("MoveNextAsync")!;
                    await (ValueTask<bool>)moveNext.Invoke(enumerator, null)!;
                    break;
            }
        }
        catch (AkuaException)
        {
            // The recorder answers every call with an empty body: only the request matters here.
        }
    }

    /// <summary>Records the operation of every call and answers it with an empty JSON object.</summary>
    private sealed class OperationRecorder : HttpMessageHandler
    {
        private readonly List<string> _operations = [];

        public IReadOnlyList<string> OperationIds
        {
            get
            {
                lock (_operations)
                {
                    return [.. _operations.Distinct(StringComparer.Ordinal)];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_operations)
            {
                _operations.Add(((AkuaRequestMessage)request).Call.Operation.OperationId);
            }

            return Task.FromResult(ClientFixture.Json(HttpStatusCode.OK, "{}"));
        }
    }
}
