namespace Akua.Sdk.Fixtures;

/// <summary>Wire bodies of packages, versions and operations, as the API answers them.</summary>
internal static class OperationPayloads
{
    public const string PackageId = "pkg_j572package0001";
    public const string VersionId = "pkgv_j572version0001";
    public const string OperationId = "op_j572operation0001";

    public const string Package = $$"""
        {"id":"{{PackageId}}","html_url":"https://akua.dev/packages/{{PackageId}}","workspace_id":"ws_1","name":"PostgreSQL",
         "latest_version_id":"{{VersionId}}","description":"A database","display_image_url":null,
         "source":{"kind":"hosted","repository_id":"repo_1","oci_ref":null},"composed_from_sources":null,"created_at":1767225600,"etag":"p1"}
        """;

    public const string Version = $$"""
        {"id":"{{VersionId}}","package_id":"{{PackageId}}","semver":"1.2.3","ref":"charts/postgresql-1.2.3.tgz",
         "input_schema":{"type":"object","properties":{"size":{"type":"string"} } },"published_at":1767225600,"created_at":1767225600,"etag":"v1"}
        """;

    public static string PackagePage(string? nextCursor = null) =>
        $$"""{"data":[{{Package}}],"has_more":{{(nextCursor is null ? "false" : "true")}},"next_cursor":{{(nextCursor is null ? "null" : $"\"{nextCursor}\"")}}}""";

    public static string VersionPage() => $$"""{"data":[{{Version}}],"has_more":false,"next_cursor":null}""";

    /// <summary>A package build in the given state; succeeded ones carry the package they made.</summary>
    public static string PackageBuild(string state = "RUNNING", string? error = null, string id = OperationId)
    {
        var done = state is "RUNNING" ? "false" : "true";
        var response = state == "SUCCEEDED"
            ? $$"""{"type":"package.create","package_id":"{{PackageId}}","package_version_id":"{{VersionId}}","repository_id":"repo_1"}"""
            : "null";
        var failure = error is null ? "null" : $$"""{"message":"{{error}}"}""";
        var completed = done == "true" ? "1767225700" : "null";
        return $$"""
            {"id":"{{id}}","workspace_id":"ws_1","organization_id":null,"owner_type":"package","owner_id":"{{PackageId}}",
             "parent_operation_id":null,"state":"{{state}}","done":{{done}},"html_url":"https://akua.dev/operations/{{id}}",
             "metadata":{"type":"package.create","idempotency_key":"k1","workspace_id":"ws_1","name":"PostgreSQL"},
             "response":{{response}},"error":{{failure}},"last_error":null,"started_at":1767225600,"completed_at":{{completed}},
             "steps":[{"name":"fetch chart","status":"completed","execution_type":"system","started_at":1767225600,"completed_at":1767225610,"error_message":null,"retryable":false,"skippable":false}]}
            """;
    }
}
