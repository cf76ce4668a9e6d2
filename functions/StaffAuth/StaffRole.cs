namespace Steunpunt.StaffAuth;

/// <summary>App roles of the staff app registration. A supervisor may do everything staff may.</summary>
public static class StaffRole
{
    public const string Staff = "staff";
    public const string Supervisor = "supervisor";

    public static readonly IReadOnlyList<string> All = [Staff, Supervisor];

    public static bool Grants(IReadOnlyCollection<string> held, string required)
        => held.Contains(required) || (required == Staff && held.Contains(Supervisor));
}

/// <summary>Who is calling. The subject is a stable id; no name is needed to do the work.</summary>
public sealed record StaffMember(string Subject, string? Name, IReadOnlyCollection<string> Roles);
