namespace Steunpunt.InfraTests.Bicep;

/// <summary>The azd environment values that infra/main.bicepparam reads, and the ones the tests deploy with.</summary>
public static class BicepEnvironment
{
    public static readonly string[] Names =
    [
        "AZURE_ENV_NAME", "AZURE_LOCATION", "STEUNPUNT_STAGE", "WEBSITE_ORIGINS", "STAFF_TENANT_ID",
        "STAFF_API_AUDIENCE", "SMS_SENDER_NUMBER", "DEPLOY_EVENT_SUBSCRIPTIONS", "ALWAYS_READY_HTTP_INSTANCES",
    ];

    public const string SubscriptionId = "3f0e4c8a-5b1d-4e7f-9a2c-6d8b1e0f4a11";
    public const string TenantId = "9c1b7e2d-4a6f-4f3e-8b0a-2e5d7c9f1b22";
    public const string Location = "westeurope";
    public const string WebsiteOrigins = "https://www.example.nl, https://chat.example.nl";
    public static readonly string[] WebsiteOriginList = ["https://www.example.nl", "https://chat.example.nl"];
    public const string StaffApiAudience = "5e8a1c3f-7b2d-4c9e-a6f0-1d3b5e7a9c33";

    public static Dictionary<string, string?> Base() => new()
    {
        ["AZURE_ENV_NAME"] = "steunpunt-test",
        ["AZURE_LOCATION"] = Location,
        ["WEBSITE_ORIGINS"] = WebsiteOrigins,
        ["STAFF_API_AUDIENCE"] = StaffApiAudience,
    };
}
