namespace Akua.Sdk.Fixtures;

/// <summary>Order drafts, checkout sessions and installs as the API writes them (seller view: no field_values).</summary>
internal static class OrderDraftPayloads
{
    public const string OfferId = Payloads.OfferId;
    public const string OrderDraftId = "odft_j572abc123def456";
    public const string CheckoutSessionId = "chk_j572abc123def456";
    public const string InstallId = "inst_j572abc123def456";
    public const string InstallOperationId = "op_j572install000001";

    public static string OrderDraft(string id = OrderDraftId, string status = "payment", string etag = "\"od-1\"", string offerId = OfferId, string? installOperationId = null) => $$"""
        {"id":"{{id}}","offer_id":"{{offerId}}","status":"{{status}}","customer_email":"buyer@example.com",
         "workspace_id":"ws_customer","cluster_id":null,"cluster_ready":true,"server_joined":true,"payment_completed":false,
         "current_checkout_session":null,"install_operation_id":{{(installOperationId is null ? "null" : $"\"{installOperationId}\"")}},
         "created_at":1767225600,"updated_at":1767229200,"etag":{{System.Text.Json.JsonSerializer.Serialize(etag)}},"ttl_expires_at":1767312000}
        """;

    public static string Page(string? nextCursor = null, params string[] drafts) =>
        $$"""{"data":[{{string.Join(",", drafts)}}],"has_more":{{(nextCursor is null ? "false" : "true")}},"next_cursor":{{(nextCursor is null ? "null" : $"\"{nextCursor}\"")}}}""";

    public static string CheckoutSession(string state = "open") => $$"""
        {"id":"{{CheckoutSessionId}}","stripe_environment":"sandbox","order_draft_id":"{{OrderDraftId}}","order_draft_etag_at_mint":"\"od-1\"",
         "state":"{{state}}","url":"https://checkout.stripe.com/c/pay/cs_test_1","expires_at":1767315600,
         "stripe_checkout_session_id":"cs_test_1","created_at":1767225600,"updated_at":1767229200}
        """;

    public static string Install(string state = "healthy") => $$"""
        {"id":"{{InstallId}}","html_url":"https://akua.dev/installs/{{InstallId}}","workspace_id":"ws_customer",
         "customer_workspace":{"id":"ws_customer","name":"Buyer Inc"},"cluster_id":"clu_1","product_id":"prod_j572abc123def456",
         "package_version_id":"pv_1","state":"{{state}}","reconciling":false,"urls":[],"demo_cleanup":null,
         "created_at":1767225600,"updated_at":1767229200,"etag":"\"inst-1\""}
        """;

    public static string InstallStatus() => $$"""
        {"install_id":"{{InstallId}}","health":"Healthy","sync":"Synced","revision":"abc123","resources":[],
         "operation_phase":"Succeeded","updated_at":1767229200,"state":"healthy","reconciling":false}
        """;

    public static string InstallOperation(string state = "SUCCEEDED")
    {
        var done = state is "RUNNING" ? "false" : "true";
        var response = state == "SUCCEEDED" ? $$"""{"type":"install.create","install_id":"{{InstallId}}","argo_app_name":"app-1"}""" : "null";
        return $$"""
            {"id":"{{InstallOperationId}}","workspace_id":"ws_customer","organization_id":null,"owner_type":"install","owner_id":"{{InstallId}}",
             "parent_operation_id":null,"state":"{{state}}","done":{{done}},"html_url":"https://akua.dev/operations/{{InstallOperationId}}",
             "metadata":{"type":"install.create","idempotency_key":"k1","workspace_id":"ws_customer","product_id":"prod_j572abc123def456"},
             "response":{{response}},"error":null,"last_error":null,"started_at":1767225600,"completed_at":null,"steps":[]}
            """;
    }
}
