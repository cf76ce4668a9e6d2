using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.InfoMails.Composing;
using Steunpunt.StaffAuth;

namespace Steunpunt.InfoMails;

public sealed record InfoMailTemplateView(string CrimeType, Bilingual<string> Label, Bilingual<string> Subject, IReadOnlyList<string> Blocks);
public sealed record InfoMailBlockView(string Id, Bilingual<string> Title);
public sealed record InfoMailContentView(IReadOnlyList<string> Languages, IReadOnlyList<InfoMailTemplateView> Templates, IReadOnlyList<InfoMailBlockView> Blocks, string ContactBlock);

/// <summary>Staff: the crime types with their blocks, and every block staff may add, for the console's choices.</summary>
public sealed class ListInfoMailContent(StaffAuthenticator auth, InfoMailCatalog catalog)
{
    [Function(nameof(ListInfoMailContent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "info-mails/content")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return new JsonResponse(new InfoMailContentView(
            MailLanguages.All,
            [.. catalog.Templates.Select(t => new InfoMailTemplateView(t.CrimeType, t.Label, t.Subject, catalog.ResolveBlocks(t, [])))],
            [.. catalog.Blocks.Select(b => new InfoMailBlockView(b.Id, b.Title))],
            InfoMailCatalog.ContactBlock));
    }
}
