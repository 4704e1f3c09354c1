using System.Text.Json;
using Akua.Sdk.Contract;

namespace Akua.Sdk.Testing;

/// <summary>The nine Packages operations.</summary>
internal sealed class PackagesRoutes(EmulatorStore store)
{
    private const string Kind = "package";

    /// <summary>What a package created from a Helm source goes through (its operation's steps).</summary>
    private static readonly string[] CreateSteps = ["validate_source", "import_chart", "publish_version"];

    public IEnumerable<EmulatorRoute> Routes() =>
    [
        new(AkuaOperations.PackagesList.Info, List),
        new(AkuaOperations.PackagesGet.Info, Get),
        new(AkuaOperations.PackagesCreate.Info, Create),
        new(AkuaOperations.PackagesImportPublished.Info, Import),
        new(AkuaOperations.PackagesDelete.Info, Delete),
        new(AkuaOperations.PackagesListVersions.Info, ListVersions),
        new(AkuaOperations.PackagesGetVersion.Info, GetVersion),
        new(AkuaOperations.PackagesGetVersionInputs.Info, GetVersionInputs),
        new(AkuaOperations.PackagesCreateVersion.Info, CreateVersion),
    ];

    /// <summary>Reads an input schema sent in a body; the problem names where it was sent.</summary>
    private static InputSchema? ReadSchema(JsonElement? schema, string[] at, out Reply refused)
    {
        refused = default;
        try
        {
            return InputSchema.Parse(schema?.GetRawText() ?? "{}");
        }
        catch (FormatException e)
        {
            refused = Replies.Error(422, ErrorCodes.Unprocessable, $"'{string.Join('.', at.Skip(1))}' {e.Message}", at);
            return null;
        }
    }

    private static PackageView View(EmulatorRequest request, AkuaValueRule rule) =>
        request.Query(rule) == PackageView.Full.Value ? PackageView.Full : PackageView.Basic;

    private Reply List(EmulatorRequest request)
    {
        var view = View(request, AkuaOperations.PackagesList.View);
        return Paging.Page(request, AkuaOperations.PackagesList.Limit, AkuaOperations.PackagesList.Cursor, store.Packages.Values, p => p.ToModel(store.Origin, view));
    }

    private Reply Get(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.PackagesGet.Id);
        return store.FindPackage(request.Workspace, id) is { } package
            ? Replies.Ok(200, package.ToModel(store.Origin, View(request, AkuaOperations.PackagesGet.View)))
            : Replies.NotFound(Kind, id);
    }

    /// <summary>
    /// 202 with a <c>package.create</c> operation; the package (hosted, with one version whose
    /// semver is the source's <c>target_revision</c> when that is one) exists once it succeeds.
    /// </summary>
    private Reply Create(EmulatorRequest request)
    {
        var body = request.Body;
        var workspace = request.Workspace!;
        var name = body.Text(CreatePackageRequestRules.Name)!;
        var source = body.Element(CreatePackageRequestRules.Sources)!.Value[0];
        var packageId = EmulatorStore.NewId("pkg_");
        var repositoryId = EmulatorStore.NewId("repo_");
        var revision = source.Text(HelmPackageSourceRules.TargetRevision)!;
        var semver = CreatePackageVersionRequestRules.Semver.TextProblem(revision) is null ? revision : "0.1.0";
        var reference = $"{source.Text(HelmPackageSourceRules.RepoUrl)}{(source.Text(HelmPackageSourceRules.Chart) is { } chart ? "/" + chart : "")}:{revision}";
        var composed = new List<IReadOnlyDictionary<string, JsonElement>> { source.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal) };
        var displayImageUrl = body.Text(CreatePackageRequestRules.DisplayImageUrl);
        var key = request.Header(AkuaOperations.PackagesCreate.IdempotencyKeyHeader) ?? EmulatorStore.NewId("emu_");

        var operation = store.StartOperation(
            workspace,
            [],
            OperationOwnerType.Package,
            packageId,
            "package.create",
            key,
            CreateSteps,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = name },
            _ =>
            {
                var package = store.AddPackage(workspace, packageId, name, PackageSourceKind.Hosted, null, repositoryId, null, displayImageUrl, composed);
                var version = store.AddVersion(package, semver, reference, InputSchema.Empty);
                return new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["package_id"] = package.Id,
                    ["package_version_id"] = version.Id,
                    ["repository_id"] = repositoryId,
                };
            });
        return Replies.Ok(202, operation.ToModel(withSteps: true));
    }

    private Reply Import(EmulatorRequest request)
    {
        var body = request.Body;
        var ociRef = body.Text(ImportPackageRequestRules.OciRef)!;
        if (store.Packages.Values.Any(p => p.WorkspaceId == request.Workspace && p.OciRef == ociRef))
        {
            return Replies.Error(409, ErrorCodes.Conflict, $"This workspace already has a package imported from '{ociRef}'.", ["body", ImportPackageRequestRules.OciRef.Name]);
        }

        var version = body.Element(ImportPackageRequestRules.Version)!.Value;
        string[] at = ["body", ImportPackageRequestRules.Version.Name, CreatePackageVersionRequestRules.InputSchema.Name];
        if (ReadSchema(version.Element(CreatePackageVersionRequestRules.InputSchema), at, out var refused) is not { } schema)
        {
            return refused;
        }

        var package = store.AddPackage(
            request.Workspace!,
            EmulatorStore.NewId("pkg_"),
            body.Text(ImportPackageRequestRules.Name)!,
            PackageSourceKind.Oci,
            ociRef,
            null,
            body.Text(ImportPackageRequestRules.Description),
            body.Text(ImportPackageRequestRules.DisplayImageUrl),
            null);
        store.AddVersion(package, version.Text(CreatePackageVersionRequestRules.Semver)!, version.Text(CreatePackageVersionRequestRules.Ref)!, schema);
        return Replies.Ok(201, package.ToModel(store.Origin, PackageView.Basic));
    }

    /// <summary>Deletes a package and its versions, unless a product uses the package or an install one of its versions (409).</summary>
    private Reply Delete(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.PackagesDelete.Id);
        if (!request.Guard(store.FindPackage(request.Workspace, id), Kind, id, out var package, out var refused))
        {
            return refused;
        }

        if (store.Products.Values.FirstOrDefault(p => p.PackageId == id) is { } product)
        {
            return Replies.Error(409, ErrorCodes.Conflict, $"The product '{product.Id}' uses this package; archive is not enough, the package stays while a product refers to it.");
        }

        if (store.Installs.Values.FirstOrDefault(i => package.Versions.Any(v => v.Id == i.PackageVersionId)) is { } install)
        {
            return Replies.Error(409, ErrorCodes.Conflict, $"The install '{install.Id}' runs a version of this package.");
        }

        store.Packages.Remove(id);
        foreach (var version in package.Versions)
        {
            store.PackageVersions.Remove(version.Id);
        }

        return new Reply(204, []);
    }

    private Reply ListVersions(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.PackagesListVersions.Id);
        return store.FindPackage(request.Workspace, id) is { } package
            ? Paging.Page(request, AkuaOperations.PackagesListVersions.Limit, AkuaOperations.PackagesListVersions.Cursor, package.Versions, v => v.ToModel())
            : Replies.NotFound(Kind, id);
    }

    private Reply GetVersion(EmulatorRequest request) =>
        FindVersion(request, AkuaOperations.PackagesGetVersion.Id, AkuaOperations.PackagesGetVersion.VersionId, out var version, out var refused)
            ? Replies.Ok(200, version!.ToModel())
            : refused;

    private Reply GetVersionInputs(EmulatorRequest request) =>
        FindVersion(request, AkuaOperations.PackagesGetVersionInputs.Id, AkuaOperations.PackagesGetVersionInputs.VersionId, out var version, out var refused)
            ? Replies.Ok(200, version!.Schema.Json)
            : refused;

    private Reply CreateVersion(EmulatorRequest request)
    {
        var id = request.Path(AkuaOperations.PackagesCreateVersion.Id);
        if (store.FindPackage(request.Workspace, id) is not { } package)
        {
            return Replies.NotFound(Kind, id);
        }

        if (package.SourceKind != PackageSourceKind.Oci)
        {
            return Replies.Error(422, ErrorCodes.Unprocessable, $"The package '{id}' is hosted: its versions come from the package creation workflow, not from this operation.");
        }

        var body = request.Body;
        var semver = body.Text(CreatePackageVersionRequestRules.Semver)!;
        if (package.Versions.Any(v => v.Semver == semver))
        {
            return Replies.Error(409, ErrorCodes.Conflict, $"The package '{id}' already has a version {semver}; versions are immutable.", ["body", CreatePackageVersionRequestRules.Semver.Name]);
        }

        if (ReadSchema(body.Element(CreatePackageVersionRequestRules.InputSchema), ["body", CreatePackageVersionRequestRules.InputSchema.Name], out var refused) is not { } schema)
        {
            return refused;
        }

        return Replies.Ok(201, store.AddVersion(package, semver, body.Text(CreatePackageVersionRequestRules.Ref)!, schema).ToModel());
    }

    private bool FindVersion(EmulatorRequest request, AkuaValueRule idRule, AkuaValueRule versionRule, out PackageVersionRecord? version, out Reply refused)
    {
        var id = request.Path(idRule);
        var versionId = request.Path(versionRule);
        version = null;
        refused = default;
        if (store.FindPackage(request.Workspace, id) is null)
        {
            refused = Replies.NotFound(Kind, id);
            return false;
        }

        version = store.FindVersion(request.Workspace, versionId) is { } found && found.PackageId == id ? found : null;
        refused = version is null ? Replies.NotFound("package version", versionId) : default;
        return version is not null;
    }
}
