namespace Steunpunt.Chat;

public sealed record TransferRequest(string StaffId, string? StaffName = null);
