namespace Steunpunt.UnitTests;

/// <summary>A complete set of valid settings (the local ones), for tests that start the app and change one setting.</summary>
public static class ValidSettings
{
    public const string SignalRKey = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";

    public static Dictionary<string, string?> Create() => new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["StaffAuth:Issuer"] = "https://issuer.test",
        ["StaffAuth:Audience"] = "api://staff",
        ["StaffAuth:SigningKey"] = Convert.ToBase64String(new byte[32]),
        ["Storage:CreateIfMissing"] = "false",
        ["CommunicationServices:ConnectionString"] = "endpoint=https://x.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32]),
        ["Email:SenderAddress"] = "DoNotReply@x.azurecomm.net",
        ["Sms:From"] = "+3197010000001",
        ["AzureSignalRConnectionString"] = $"Endpoint=http://localhost:7071/emulators/signalr;AccessKey={SignalRKey};Version=1.0;",
    };
}
