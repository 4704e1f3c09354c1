using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Akua.Sdk.Testing;

/// <summary>An answer, already serialized, so idempotent replays can repeat it byte for byte.</summary>
internal readonly record struct Reply(int Status, byte[] Body);

/// <summary>Who is calling: a token and the workspaces it may act in.</summary>
internal sealed record Caller(string Token, string DefaultWorkspaceId, IReadOnlySet<string> Workspaces);

/// <summary>Serves every request of the emulator.</summary>
internal sealed class EmulatorHandler
{
    private const int MaxBodyBytes = 1024 * 1024;

    // Quotes and apostrophes in messages stay readable (no \u0027).
    private static readonly EmulatorJsonContext Json = new(new JsonSerializerOptions(EmulatorJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly EmulatorStore _store = new();
    private readonly Dictionary<string, Caller> _callers = new(StringComparer.Ordinal);
    private readonly AkuaFaultQueue _faults;
    private readonly TimeProvider _time;
    private readonly string _sellerName;
    private readonly List<string> _idempotencyKeys = [];
    private long _requestCount;

    public EmulatorHandler(AkuaEmulatorOptions options, AkuaFaultQueue faults)
    {
        _faults = faults;
        _time = options.TimeProvider;
        _sellerName = options.SellerName;
        var main = new HashSet<string>(StringComparer.Ordinal) { options.DefaultWorkspaceId };
        foreach (var workspace in options.AdditionalWorkspaceIds)
        {
            main.Add(workspace);
        }

        foreach (var (token, workspace) in options.AdditionalTokens)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(token, nameof(options));
            ArgumentException.ThrowIfNullOrWhiteSpace(workspace, nameof(options));
            _callers[token] = new Caller(token, workspace, new HashSet<string>(StringComparer.Ordinal) { workspace });
        }

        _callers[options.ApiToken] = new Caller(options.ApiToken, options.DefaultWorkspaceId, main);
    }

    public Uri Origin { get; set; } = new("http://127.0.0.1/");

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public IReadOnlyList<string> ReceivedIdempotencyKeys()
    {
        lock (_idempotencyKeys)
        {
            return [.. _idempotencyKeys];
        }
    }

    public int OfferCount(string workspaceId)
    {
        lock (_store.Gate)
        {
            return _store.Offers.Values.Count(o => o.WorkspaceId == workspaceId);
        }
    }

    public int ProductCount(string workspaceId)
    {
        lock (_store.Gate)
        {
            return _store.Products.Values.Count(p => p.WorkspaceId == workspaceId);
        }
    }

    public void Redeem(string offerId)
    {
        lock (_store.Gate)
        {
            if (!_store.Offers.TryGetValue(offerId, out var offer))
            {
                throw new KeyNotFoundException($"The emulator holds no offer '{offerId}'.");
            }

            var now = _time.GetUtcNow();
            var status = offer.StatusAt(now);
            if (status != OfferStatus.Active)
            {
                throw new InvalidOperationException($"The offer '{offerId}' is {status.Value} and cannot be redeemed.");
            }

            offer.UsedCount++;
            offer.Touch(now);
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        context.Response.Headers["x-request-id"] = "req_" + EmulatorStore.RandomLowerAlnum(20);
        if (context.Request.Headers.TryGetValue("idempotency-key", out var key) && key.Count > 0)
        {
            lock (_idempotencyKeys)
            {
                _idempotencyKeys.Add(key.ToString());
            }
        }

        try
        {
            if (_faults.TryDequeue(out var fault) && fault is not null)
            {
                if (fault.Kind == AkuaFaultKind.Delay)
                {
                    await Task.Delay(fault.Duration, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    await InjectAsync(context, fault).ConfigureAwait(false);
                    return;
                }
            }

            var reply = await DispatchAsync(context).ConfigureAwait(false);
            await WriteAsync(context, reply).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away.
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, Error(e.StatusCode, ErrorCodes.Validation, e.Message, ["body"])).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug in the emulator: answer like a server error so the test shows the cause.
            await WriteAsync(context, Error(500, ErrorCodes.Injected, "The emulator failed: " + e)).ConfigureAwait(false);
        }
    }

    private static async Task InjectAsync(HttpContext context, AkuaFault fault)
    {
        switch (fault.Kind)
        {
            case AkuaFaultKind.DropConnection:
                context.Abort();
                return;
            case AkuaFaultKind.Html:
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "text/html; charset=utf-8";
                var html = $"<html><head><title>{fault.StatusCode} Error</title></head><body><h1>{fault.StatusCode} Error</h1><p>The upstream server could not be reached.</p></body></html>";
                await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
                return;
            case AkuaFaultKind.RateLimited:
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(fault.Duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteAsync(context, Error(429, ErrorCodes.RateLimited, "Too many requests; retry after the Retry-After delay.")).ConfigureAwait(false);
                return;
            default:
                await WriteAsync(context, Error(fault.StatusCode, ErrorCodes.Injected, $"Injected failure: HTTP {fault.StatusCode}.")).ConfigureAwait(false);
                return;
        }
    }

    private static async Task WriteAsync(HttpContext context, Reply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ routing

    private async Task<Reply> DispatchAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = context.Request.PathBase.Add(context.Request.Path).ToUriComponent();
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? target[..query] : target;
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return NoRoute();
        }

        var segments = path[4..].Split('/');
        var method = context.Request.Method;
        switch (segments)
        {
            case ["products"]:
                return method switch
                {
                    "GET" => await ListProductsAsync(context).ConfigureAwait(false),
                    "POST" => await CreateProductAsync(context).ConfigureAwait(false),
                    _ => NotAllowed(context, "GET, POST"),
                };
            case ["offers"]:
                return method switch
                {
                    "GET" => await ListOffersAsync(context).ConfigureAwait(false),
                    "POST" => await CreateOfferAsync(context).ConfigureAwait(false),
                    _ => NotAllowed(context, "GET, POST"),
                };
            case ["offers:resolve"]:
                return method == "GET" ? Resolve(context) : NotAllowed(context, "GET");
            case ["products", var item] when item.Length > 0:
                return await ProductItemAsync(context, item).ConfigureAwait(false);
            case ["offers", var item] when item.Length > 0:
                return await OfferItemAsync(context, item).ConfigureAwait(false);
            default:
                return NoRoute();
        }
    }

    private static (string Id, string? Verb) SplitItem(string rawSegment)
    {
        var colon = rawSegment.LastIndexOf(':');
        return colon < 0
            ? (Uri.UnescapeDataString(rawSegment), null)
            : (Uri.UnescapeDataString(rawSegment[..colon]), rawSegment[(colon + 1)..]);
    }

    private async Task<Reply> ProductItemAsync(HttpContext context, string rawSegment)
    {
        var (id, verb) = SplitItem(rawSegment);
        var method = context.Request.Method;
        return verb switch
        {
            null when method == "GET" => GetProduct(context, id),
            null when method == "PATCH" => await UpdateProductAsync(context, id).ConfigureAwait(false),
            null => NotAllowed(context, "GET, PATCH"),
            "archive" when method == "POST" => await ArchiveProductAsync(context, id).ConfigureAwait(false),
            "unarchive" when method == "POST" => await UnarchiveProductAsync(context, id).ConfigureAwait(false),
            "archive" or "unarchive" => NotAllowed(context, "POST"),
            _ => NoRoute(),
        };
    }

    private async Task<Reply> OfferItemAsync(HttpContext context, string rawSegment)
    {
        var (id, verb) = SplitItem(rawSegment);
        var method = context.Request.Method;
        return verb switch
        {
            null when method == "GET" => GetOffer(context, id),
            null => NotAllowed(context, "GET"),
            "archive" when method == "POST" => await SetOfferArchivedAsync(context, id, archive: true).ConfigureAwait(false),
            "unarchive" when method == "POST" => await SetOfferArchivedAsync(context, id, archive: false).ConfigureAwait(false),
            "archive" or "unarchive" => NotAllowed(context, "POST"),
            _ => NoRoute(),
        };
    }

    // ------------------------------------------------------------------ products

    private async Task<Reply> ListProductsAsync(HttpContext context)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        if (!Paging(context, "p", out var limit, out var after, out failure))
        {
            return failure;
        }

        var page = new ProductPage();
        lock (_store.Gate)
        {
            var items = _store.Products.Values
                .Where(p => p.WorkspaceId == workspace && (after is null || p.Sequence < after))
                .OrderByDescending(p => p.Sequence)
                .Take(limit + 1)
                .ToList();
            page.HasMore = items.Count > limit;
            page.Data = [.. items.Take(limit).Select(p => p.ToModel(Origin))];
            page.NextCursor = page.HasMore ? EncodeCursor("p", items[limit - 1].Sequence) : null;
        }

        return Ok(200, page, Json.ProductPage);
    }

    private Reply GetProduct(HttpContext context, string id)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        lock (_store.Gate)
        {
            return FindProduct(workspace, id) is { } product
                ? Ok(200, product.ToModel(Origin), Json.Product)
                : NotFound("product", id);
        }
    }

    private async Task<Reply> CreateProductAsync(HttpContext context)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return Write(context, workspace, "products.create", body, () =>
        {
            if (!ParseObject(body, required: true, out var root, out var bad))
            {
                return bad;
            }

            var v = new Validation();
            var at = Validation.Body();
            v.NoUnknownProperties(root, at, "name", "package_id", "package_version_pin", "custom_image", "custom_description", "marketplace");
            var name = v.String(root, "name", at, 2, 64, required: true);
            var packageId = v.String(root, "package_id", at, 1, 54, required: true);
            var pin = v.Pin(root, "package_version_pin", at, required: true);
            var image = v.Uri(root, "custom_image", at);
            var description = v.String(root, "custom_description", at, 0, 500);
            var published = Marketplace(v, root, at);
            if (!v.IsValid)
            {
                return Invalid(v);
            }

            var now = _time.GetUtcNow();
            var product = new ProductRecord
            {
                Id = "prod_" + EmulatorStore.RandomLowerAlnum(24),
                WorkspaceId = workspace,
                Sequence = _store.NextSequence(),
                CreatedAt = now,
                UpdatedAt = now,
                Name = name!,
                PackageId = packageId!,
                Pin = pin!,
                DefaultVersionId = _store.VersionIdFor(packageId!, pin!),
                CustomImage = image,
                CustomDescription = description,
                Published = published ?? false,
            };
            _store.Products[product.Id] = product;
            return Ok(201, product.ToModel(Origin), Json.Product);
        });
    }

    private async Task<Reply> UpdateProductAsync(HttpContext context, string id)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return Write(context, workspace, "products.update " + id, body, () =>
        {
            if (!IfMatch(context, out var ifMatch, out var bad) || !ParseObject(body, required: false, out var root, out bad))
            {
                return bad;
            }

            var v = new Validation();
            var at = Validation.Body();
            v.NoUnknownProperties(root, at, "name", "package_version_pin", "custom_image", "custom_description", "marketplace");
            var name = v.String(root, "name", at, 2, 64);
            var pin = v.Pin(root, "package_version_pin", at, required: false);
            var image = v.Uri(root, "custom_image", at, nullable: true);
            var description = v.String(root, "custom_description", at, 0, 500, nullable: true);
            var published = Marketplace(v, root, at);
            if (!v.IsValid)
            {
                return Invalid(v);
            }

            if (FindProduct(workspace, id) is not { } product)
            {
                return NotFound("product", id);
            }

            if (!EtagMatches(ifMatch, product.Etag))
            {
                return Stale(product.Etag);
            }

            if (name is not null)
            {
                product.Name = name;
            }

            if (pin is not null)
            {
                product.Pin = pin;
                product.DefaultVersionId = _store.VersionIdFor(product.PackageId, pin);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("custom_image", out _))
            {
                product.CustomImage = image;
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("custom_description", out _))
            {
                product.CustomDescription = description;
            }

            if (published is not null)
            {
                product.Published = published.Value;
            }

            product.Touch(_time.GetUtcNow());
            return Ok(200, product.ToModel(Origin), Json.Product);
        });
    }

    private async Task<Reply> ArchiveProductAsync(HttpContext context, string id)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return Write(context, workspace, "products.archive " + id, body, () =>
        {
            if (!IfMatch(context, out var ifMatch, out var bad) || !ParseObject(body, required: false, out var root, out bad))
            {
                return bad;
            }

            var v = new Validation();
            var at = Validation.Body();
            v.NoUnknownProperties(root, at, "cascade_offers", "archive_reason");
            var cascade = v.Boolean(root, "cascade_offers", at) ?? false;
            var reason = v.String(root, "archive_reason", at, 0, 500);
            if (!v.IsValid)
            {
                return Invalid(v);
            }

            if (FindProduct(workspace, id) is not { } product)
            {
                return NotFound("product", id);
            }

            if (!EtagMatches(ifMatch, product.Etag))
            {
                return Stale(product.Etag);
            }

            var now = _time.GetUtcNow();
            if (product.ArchivedAt is null)
            {
                product.ArchivedAt = now;
                product.ArchiveReason = reason;
                product.Touch(now);
            }

            if (cascade)
            {
                foreach (var offer in _store.Offers.Values.Where(o => o.WorkspaceId == workspace && o.ProductId == product.Id && o.ArchivedAt is null))
                {
                    offer.ArchivedAt = now;
                    offer.Touch(now);
                }
            }

            return Ok(200, product.ToModel(Origin), Json.Product);
        });
    }

    private async Task<Reply> UnarchiveProductAsync(HttpContext context, string id)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return Write(context, workspace, "products.unarchive " + id, body, () =>
        {
            if (!IfMatch(context, out var ifMatch, out var bad) || !ParseObject(body, required: false, out var root, out bad))
            {
                return bad;
            }

            var v = new Validation();
            v.NoUnknownProperties(root, Validation.Body());
            if (!v.IsValid)
            {
                return Invalid(v);
            }

            if (FindProduct(workspace, id) is not { } product)
            {
                return NotFound("product", id);
            }

            if (!EtagMatches(ifMatch, product.Etag))
            {
                return Stale(product.Etag);
            }

            if (product.ArchivedAt is not null)
            {
                product.ArchivedAt = null;
                product.ArchiveReason = null;
                product.Touch(_time.GetUtcNow());
            }

            return Ok(200, product.ToModel(Origin), Json.Product);
        });
    }

    private static bool? Marketplace(Validation v, JsonElement root, string[] at)
    {
        if (!v.Object(root, "marketplace", at, out var marketplace))
        {
            return null;
        }

        v.NoUnknownProperties(marketplace, [.. at, "marketplace"], "published");
        return v.Boolean(marketplace, "published", [.. at, "marketplace"], required: true);
    }

    private ProductRecord? FindProduct(string workspace, string id) =>
        _store.Products.TryGetValue(id, out var product) && product.WorkspaceId == workspace ? product : null;

    // ------------------------------------------------------------------ offers

    private async Task<Reply> ListOffersAsync(HttpContext context)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        if (!Paging(context, "o", out var limit, out var after, out failure))
        {
            return failure;
        }

        string? productId = null;
        if (context.Request.Query.TryGetValue("product_id", out var filter))
        {
            productId = filter.ToString();
            if (productId.Length is < 1 or > 55)
            {
                return Error(400, ErrorCodes.Validation, "'product_id' must be 1 to 55 characters.", ["query", "product_id"]);
            }
        }

        var page = new OfferPage();
        lock (_store.Gate)
        {
            var now = _time.GetUtcNow();
            var items = _store.Offers.Values
                .Where(o => o.WorkspaceId == workspace && (productId is null || o.ProductId == productId) && (after is null || o.Sequence < after))
                .OrderByDescending(o => o.Sequence)
                .Take(limit + 1)
                .ToList();
            page.HasMore = items.Count > limit;
            page.Data = [.. items.Take(limit).Select(o => _store.ToModel(o, now, OfferView.Seller, _sellerName))];
            page.NextCursor = page.HasMore ? EncodeCursor("o", items[limit - 1].Sequence) : null;
        }

        await Task.CompletedTask.ConfigureAwait(false);
        return Ok(200, page, Json.OfferPage);
    }

    private Reply GetOffer(HttpContext context, string id)
    {
        // The offer's own workspace scopes this call: no akua-context header.
        if (!Authenticate(context, out var caller, out var failure))
        {
            return failure;
        }

        lock (_store.Gate)
        {
            return _store.Offers.TryGetValue(id, out var offer) && caller!.Workspaces.Contains(offer.WorkspaceId)
                ? Ok(200, _store.ToModel(offer, _time.GetUtcNow(), OfferView.Seller, _sellerName), Json.Offer)
                : NotFound("offer", id);
        }
    }

    private Reply Resolve(HttpContext context)
    {
        Caller? caller = null;
        if (context.Request.Headers.ContainsKey("Authorization") && !Authenticate(context, out caller, out var failure))
        {
            return failure;
        }

        var hash = context.Request.Query["short_hash"].ToString();
        if (hash.Length is < 1 or > 64)
        {
            return Error(400, ErrorCodes.Validation, "'short_hash' is required: 1 to 64 characters.", ["query", "short_hash"]);
        }

        lock (_store.Gate)
        {
            if (!_store.OffersByShortHash.TryGetValue(hash, out var offer))
            {
                return Error(404, ErrorCodes.NotFound, $"No offer has the short hash '{hash}'.");
            }

            var view = caller is null ? OfferView.AnonymousCustomer
                : caller.Workspaces.Contains(offer.WorkspaceId) ? OfferView.SellerResolving
                : OfferView.SignedInCustomer;
            return Ok(200, _store.ToModel(offer, _time.GetUtcNow(), view, _sellerName), Json.Offer);
        }
    }

    private async Task<Reply> CreateOfferAsync(HttpContext context)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return Write(context, workspace, "offers.create", body, () =>
        {
            if (!ParseObject(body, required: true, out var root, out var bad))
            {
                return bad;
            }

            var v = new Validation();
            var at = Validation.Body();
            v.NoUnknownProperties(root, at,
                "product_id", "package_version_id", "target_workspace_id", "region_id", "cluster_id", "allowed_emails",
                "field_values", "customer", "internal_note", "commercial_mode", "pricing_request", "notes", "expires_at",
                "max_uses", "order_ttl_minutes", "tier", "offer_channel_id");
            var productId = v.String(root, "product_id", at, 1, 55);
            var versionId = v.String(root, "package_version_id", at, 1, 55);
            var targetWorkspace = v.String(root, "target_workspace_id", at, 1, 53);
            var region = v.String(root, "region_id", at, 1, 54);
            var cluster = v.String(root, "cluster_id", at, 1, 54);
            var emails = AllowedEmails(v, root, at);
            var fieldValues = FieldValues(v, root, at);
            var customer = Customer(v, root, at);
            var internalNote = v.String(root, "internal_note", at, 0, 500);
            var mode = v.Enum(root, "commercial_mode", at, required: false, "paid", "non_billable_test");
            PricingRequest(v, root, at);
            var notes = v.String(root, "notes", at, 0, 500);
            var expiresAt = v.Integer(root, "expires_at", at, 1, DateTimeOffset.MaxValue.ToUnixTimeSeconds());
            var maxUses = MaxUses(v, root, at);
            var ttl = v.Integer(root, "order_ttl_minutes", at, 1, 1440);
            var tier = v.String(root, "tier", at, 0, 32);
            var channel = v.String(root, "offer_channel_id", at, 1, 54);

            var hasProduct = root.TryGetProperty("product_id", out _);
            if (!hasProduct && !root.TryGetProperty("package_version_id", out _))
            {
                v.Add("Give 'product_id', 'package_version_id', or both.", [.. at, "product_id"]);
            }

            if (root.TryGetProperty("offer_channel_id", out _) && !hasProduct)
            {
                v.Add("'offer_channel_id' needs 'product_id'.", [.. at, "offer_channel_id"]);
            }

            if (root.TryGetProperty("offer_channel_id", out _) && root.TryGetProperty("tier", out _))
            {
                v.Add("'tier' is not allowed with 'offer_channel_id': the channel policy settles it.", [.. at, "tier"]);
            }

            if (!v.IsValid)
            {
                return Invalid(v);
            }

            string packageId;
            ProductRecord? product = null;
            if (productId is not null)
            {
                product = FindProduct(workspace, productId);
                if (product is null)
                {
                    return Error(422, ErrorCodes.Unprocessable, $"No product '{productId}' in this workspace.", [.. at, "product_id"]);
                }

                if (product.ArchivedAt is not null)
                {
                    return Error(422, ErrorCodes.Unprocessable, $"The product '{productId}' is archived.", [.. at, "product_id"]);
                }

                packageId = product.PackageId;
                versionId ??= product.DefaultVersionId;
            }
            else
            {
                packageId = _store.PackageIdFor(versionId!);
            }

            var now = _time.GetUtcNow();
            var offer = new OfferRecord
            {
                Id = "offer_" + EmulatorStore.RandomLowerAlnum(24),
                ShortHash = _store.NewShortHash(),
                WorkspaceId = workspace,
                Sequence = _store.NextSequence(),
                CreatedAt = now,
                UpdatedAt = now,
                ProductId = product?.Id,
                PackageId = packageId,
                PackageVersionId = versionId!,
                TargetWorkspaceId = targetWorkspace,
                RegionId = region,
                ClusterId = cluster,
                AllowedEmails = emails,
                FieldValues = fieldValues,
                Customer = customer,
                InternalNote = internalNote,
                CommercialMode = mode is null ? default(CommercialMode?) : new CommercialMode(mode),
                Notes = notes,
                ExpiresAt = expiresAt is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
                MaxUses = maxUses.Absent ? 1 : maxUses.Value,
                OrderTtlMinutes = (int)(ttl ?? 120),
                Tier = tier,
                OfferChannelId = channel,
            };
            _store.Offers[offer.Id] = offer;
            _store.OffersByShortHash[offer.ShortHash] = offer;
            return Ok(201, new OfferCreated { Id = offer.Id, ShortHash = offer.ShortHash }, Json.OfferCreated);
        });
    }

    private async Task<Reply> SetOfferArchivedAsync(HttpContext context, string id, bool archive)
    {
        if (!Authorize(context, out var workspace, out var failure))
        {
            return failure;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return Write(context, workspace, (archive ? "offers.archive " : "offers.unarchive ") + id, body, () =>
        {
            if (!IfMatch(context, out var ifMatch, out var bad))
            {
                return bad;
            }

            // Takes no body; an empty object is tolerated.
            if (!ParseObject(body, required: false, out var root, out bad))
            {
                return bad;
            }

            if (root.EnumerateObject().Any())
            {
                return Error(400, ErrorCodes.Validation, "This operation takes no body.", ["body"]);
            }

            if (!_store.Offers.TryGetValue(id, out var offer) || offer.WorkspaceId != workspace)
            {
                return NotFound("offer", id);
            }

            if (!EtagMatches(ifMatch, offer.Etag))
            {
                return Stale(offer.Etag);
            }

            var now = _time.GetUtcNow();
            if (archive && offer.ArchivedAt is null)
            {
                offer.ArchivedAt = now;
                offer.Touch(now);
            }
            else if (!archive && offer.ArchivedAt is not null)
            {
                offer.ArchivedAt = null;
                offer.Touch(now);
            }

            return Ok(200, _store.ToModel(offer, now, OfferView.Seller, _sellerName), Json.Offer);
        });
    }

    private static List<string> AllowedEmails(Validation v, JsonElement root, string[] at)
    {
        var result = new List<string>();
        if (!root.TryGetProperty("allowed_emails", out var emails))
        {
            return result;
        }

        string[] here = [.. at, "allowed_emails"];
        if (emails.ValueKind != JsonValueKind.Array)
        {
            v.Add("'allowed_emails' must be an array.", here);
            return result;
        }

        if (emails.GetArrayLength() > CreateOfferRequest.MaxAllowedEmails)
        {
            v.Add($"'allowed_emails' holds at most {CreateOfferRequest.MaxAllowedEmails} emails.", here);
            return result;
        }

        var index = 0;
        foreach (var email in emails.EnumerateArray())
        {
            var text = email.ValueKind == JsonValueKind.String ? email.GetString()! : null;
            if (text is null || !Validation.IsEmail(text))
            {
                v.Add("Each allowed email must be a valid email address.", [.. here, index.ToString(CultureInfo.InvariantCulture)]);
            }
            else
            {
                result.Add(text);
            }

            index++;
        }

        return result;
    }

    private static Dictionary<string, OfferFieldValue>? FieldValues(Validation v, JsonElement root, string[] at)
    {
        if (!v.Object(root, "field_values", at, out var values))
        {
            return null;
        }

        var result = new Dictionary<string, OfferFieldValue>(StringComparer.Ordinal);
        foreach (var property in values.EnumerateObject())
        {
            string[] here = [.. at, "field_values", property.Name];
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                v.Add("A field value must be an object with 'value' and 'locked'.", here);
                continue;
            }

            if (!property.Value.TryGetProperty("value", out var value))
            {
                v.Add("'value' is required.", [.. here, "value"]);
            }

            var locked = v.Boolean(property.Value, "locked", here, required: true);
            if (locked is not null && property.Value.TryGetProperty("value", out _))
            {
                result[property.Name] = new OfferFieldValue { Value = value.Clone(), Locked = locked.Value };
            }
        }

        return result;
    }

    private static OfferCustomer? Customer(Validation v, JsonElement root, string[] at)
    {
        if (!v.Object(root, "customer", at, out var customer))
        {
            return null;
        }

        string[] here = [.. at, "customer"];
        v.NoUnknownProperties(customer, here, "display_name", "external_id");
        var name = v.String(customer, "display_name", here, 1, 200, required: true);
        var external = v.String(customer, "external_id", here, 1, 200);
        return name is null ? null : new OfferCustomer { DisplayName = name, ExternalId = external };
    }

    private static void PricingRequest(Validation v, JsonElement root, string[] at)
    {
        if (!v.Object(root, "pricing_request", at, out var pricing))
        {
            return;
        }

        string[] here = [.. at, "pricing_request"];
        v.NoUnknownProperties(pricing, here, "currency", "unit_amount", "interval");
        v.Enum(pricing, "currency", here, required: true, "eur", "usd");
        if (!pricing.TryGetProperty("unit_amount", out _))
        {
            v.Add("'unit_amount' is required.", [.. here, "unit_amount"]);
        }

        v.Integer(pricing, "unit_amount", here, 0, 100_000_000);
        v.Enum(pricing, "interval", here, required: true, "month", "year");
    }

    private static (bool Absent, int? Value) MaxUses(Validation v, JsonElement root, string[] at)
    {
        if (!root.TryGetProperty("max_uses", out var value))
        {
            return (true, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (false, null);
        }

        var number = v.Integer(root, "max_uses", at, 1, 10_000);
        return (false, number is null ? null : (int)number.Value);
    }

    // ------------------------------------------------------------------ shared rules

    private bool Authenticate(HttpContext context, out Caller? caller, out Reply failure)
    {
        caller = null;
        failure = default;
        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (header.Length == 0)
        {
            failure = Error(401, ErrorCodes.Unauthorized, "Authentication required: send 'Authorization: Bearer <token>'.");
            return false;
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !_callers.TryGetValue(header[Scheme.Length..].Trim(), out caller))
        {
            failure = Error(401, ErrorCodes.Unauthorized, "The token is not valid.");
            return false;
        }

        return true;
    }

    private bool Authorize(HttpContext context, out string workspace, out Reply failure)
    {
        workspace = "";
        if (!Authenticate(context, out var caller, out failure))
        {
            return false;
        }

        if (!context.Request.Headers.TryGetValue("akua-context", out var header))
        {
            workspace = caller!.DefaultWorkspaceId;
            return true;
        }

        var requested = header.ToString();
        if (requested.Length is < 1 or > 53)
        {
            failure = Error(400, ErrorCodes.Validation, "'akua-context' must be 1 to 53 characters.", ["header", "akua-context"]);
            return false;
        }

        if (!caller!.Workspaces.Contains(requested))
        {
            failure = Error(403, ErrorCodes.Forbidden, $"The token may not act in the workspace '{requested}'.", ["header", "akua-context"]);
            return false;
        }

        workspace = requested;
        return true;
    }

    private static bool Paging(HttpContext context, string kind, out int limit, out long? after, out Reply failure)
    {
        limit = 50;
        after = null;
        failure = default;
        if (context.Request.Query.TryGetValue("limit", out var text))
        {
            if (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100)
            {
                failure = Error(400, ErrorCodes.Validation, "'limit' must be an integer from 1 to 100.", ["query", "limit"]);
                return false;
            }
        }

        if (context.Request.Query.TryGetValue("cursor", out var cursor) && cursor.ToString().Length > 0)
        {
            after = DecodeCursor(kind, cursor.ToString());
            if (after is null)
            {
                failure = Error(400, ErrorCodes.Validation, "'cursor' is not a cursor this list gave out.", ["query", "cursor"]);
                return false;
            }
        }

        return true;
    }

    private static string EncodeCursor(string kind, long sequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}.{sequence.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static long? DecodeCursor(string kind, string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith(kind + ".", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(kind.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IfMatch(HttpContext context, out string ifMatch, out Reply failure)
    {
        ifMatch = context.Request.Headers.IfMatch.ToString();
        failure = default;
        if (ifMatch.Length is < 1 or > 256)
        {
            failure = Error(400, ErrorCodes.Validation, "The 'if-match' header is required: send the etag of the version you read.", ["header", "if-match"]);
            return false;
        }

        return true;
    }

    private static bool EtagMatches(string ifMatch, string etag)
    {
        var sent = ifMatch.Trim();
        if (sent.StartsWith("W/", StringComparison.Ordinal))
        {
            sent = sent[2..];
        }

        return string.Equals(sent.Trim('"'), etag, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new BadHttpRequestException("The request body is too large.", 413);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Parses the body as a JSON object. An absent optional body reads as <c>{}</c>.</summary>
    private static bool ParseObject(byte[] body, bool required, out JsonElement root, out Reply failure)
    {
        failure = default;
        root = default;
        if (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            if (required)
            {
                failure = Error(400, ErrorCodes.Validation, "A JSON body is required.", ["body"]);
                return false;
            }

            root = EmptyObject;
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            failure = Error(400, ErrorCodes.MalformedJson, $"The body is not valid JSON: {e.Message}", ["body"]);
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            failure = Error(400, ErrorCodes.Validation, "The body must be a JSON object.", ["body"]);
            return false;
        }

        return true;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Runs a write under the store's lock, replaying or refusing reused idempotency keys.</summary>
    private Reply Write(HttpContext context, string workspace, string operation, byte[] body, Func<Reply> execute)
    {
        string? key = null;
        if (context.Request.Headers.TryGetValue("idempotency-key", out var header))
        {
            key = header.ToString();
            if (key.Length is < 1 or > 64)
            {
                return Error(400, ErrorCodes.Validation, "'idempotency-key' must be 1 to 64 characters.", ["header", "idempotency-key"]);
            }
        }

        lock (_store.Gate)
        {
            if (key is null)
            {
                return execute();
            }

            var fingerprint = operation + "\n" + Convert.ToHexString(SHA256.HashData(body));
            var slot = workspace + "\n" + key;
            if (_store.IdempotentReplies.TryGetValue(slot, out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? new Reply(earlier.Status, earlier.Body)
                    : Error(409, ErrorCodes.IdempotencyConflict, "This idempotency key was already used with a different request.", ["header", "idempotency-key"]);
            }

            var reply = execute();
            if (reply.Status is >= 200 and < 300)
            {
                _store.IdempotentReplies[slot] = new IdempotentReply(fingerprint, reply.Status, reply.Body);
            }

            return reply;
        }
    }

    // ------------------------------------------------------------------ replies

    private static Reply Ok<T>(int status, T value, JsonTypeInfo<T> typeInfo) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    private static Reply Error(int status, int code, string message, string[]? path = null, Dictionary<string, string>? metadata = null) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(
            new ApiErrorBody { Errors = [new ApiErrorItem { Code = code, Message = message, Path = path is null ? null : [.. path], Metadata = metadata }] },
            Json.ApiErrorBody));

    private static Reply Invalid(Validation validation) =>
        new(400, JsonSerializer.SerializeToUtf8Bytes(new ApiErrorBody { Errors = validation.Errors }, Json.ApiErrorBody));

    private static Reply NotFound(string kind, string id) =>
        Error(404, ErrorCodes.NotFound, $"No {kind} '{id}' in this workspace.");

    private static Reply Stale(string currentEtag) =>
        Error(409, ErrorCodes.EtagMismatch, "The resource changed since you read it: read it again and retry with its current etag.",
            ["header", "if-match"], new Dictionary<string, string>(StringComparer.Ordinal) { ["current_etag"] = currentEtag });

    private static Reply NoRoute() => Error(404, ErrorCodes.NoRoute, "No route for that URI.");

    private static Reply NotAllowed(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return Error(405, ErrorCodes.MethodNotAllowed, $"Method not allowed; use {allow}.");
    }
}
