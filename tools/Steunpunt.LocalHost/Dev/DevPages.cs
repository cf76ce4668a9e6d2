using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Steunpunt.LocalHost.Dev;

/// <summary>
/// Two small pages the mails link to locally, until the website widgets exist: the continue page (reads the token from
/// the link's fragment and talks to <c>/api/mail/thread</c> with it in <c>X-Mail-Secret</c>) and the rating page
/// (posts to <c>/api/mail/{ref}/satisfaction</c>). Dutch, plain HTML with one inline script each, nothing external;
/// the policy allows exactly that script and style (by hash) and calls to this host.
/// </summary>
public static class DevPages
{
    public const string ContinuePath = "/dev/mail/vervolg";
    public const string RatingPath = "/dev/beoordeel-antwoord";

    private const string Style = """
        body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:40rem;padding:1rem}
        textarea{width:100%;font:inherit}button{font:inherit;padding:.4rem 1rem}
        ol{list-style:none;padding:0}li{border-left:4px solid #4a6;padding:.25rem .75rem;margin:.75rem 0}li.staff{border-color:#36c}
        li h2{font-size:1rem;margin:0}li p{white-space:pre-wrap;margin:.25rem 0}.weg{float:right}.verborgen{display:none}
        :focus-visible{outline:3px solid #36c;outline-offset:2px}
        """;

    private const string ContinueScript = """
        (() => {
          const token = location.hash.slice(1);
          // Out of the address bar and the history; the mail keeps the link.
          if (token) history.replaceState(null, '', location.pathname);
          const status = document.getElementById('status');
          const list = document.getElementById('berichten');
          const form = document.getElementById('nieuw');
          const field = document.getElementById('tekst');
          const say = text => { status.textContent = text; };
          const detail = async response => {
            try { const problem = await response.json(); return problem.detail || problem.title; } catch { return 'Er ging iets mis (' + response.status + ').'; }
          };
          async function load() {
            const response = await fetch('/api/mail/thread', { headers: { 'X-Mail-Secret': token }, cache: 'no-store' });
            if (!response.ok) { say(await detail(response)); form.hidden = true; return false; }
            const thread = await response.json();
            document.getElementById('kenmerk').textContent = 'Kenmerk ' + thread.reference;
            list.replaceChildren(...thread.messages.map(message => {
              const item = document.createElement('li');
              item.className = message.from;
              const who = document.createElement('h2');
              who.textContent = (message.from === 'staff' ? 'Steunpunt' : 'U') + ', ' + new Date(message.at).toLocaleString('nl-NL');
              const text = document.createElement('p');
              text.textContent = message.text;
              item.append(who, text);
              return item;
            }));
            form.hidden = false;
            return true;
          }
          form.addEventListener('submit', async event => {
            event.preventDefault();
            const body = { text: field.value };
            if (form.elements.website.value) body.website = form.elements.website.value;
            const response = await fetch('/api/mail/thread/messages', {
              method: 'POST', headers: { 'X-Mail-Secret': token, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
            });
            if (!response.ok) { say(await detail(response)); field.focus(); return; }
            const added = await response.json();
            field.value = '';
            if (await load()) say(added.message);
          });
          if (!token) say('Open deze pagina met de link uit uw e-mail van Steunpunt.');
          else load().then(ok => { if (ok) say('Uw gesprek is geladen.'); });
        })();
        """;

    private const string RatingScript = """
        (() => {
          const ref = new URLSearchParams(location.search).get('ref') || '';
          const status = document.getElementById('status');
          const form = document.getElementById('beoordeling');
          form.addEventListener('submit', async event => {
            event.preventDefault();
            const score = form.elements.score.value;
            if (!score) { status.textContent = 'Kies een cijfer van 1 tot en met 5.'; return; }
            const body = { score: Number(score) };
            if (form.elements.comment.value.trim()) body.comment = form.elements.comment.value;
            const response = await fetch('/api/mail/' + encodeURIComponent(ref) + '/satisfaction', {
              method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
            });
            let answer = {};
            try { answer = await response.json(); } catch { }
            status.textContent = response.ok ? answer.message : (answer.detail || answer.title || 'Er ging iets mis (' + response.status + ').');
            if (response.ok) form.hidden = true;
          });
        })();
        """;

    private static readonly string ContinuePage = Page("Uw gesprek met Steunpunt", ContinueScript, """
        <h1>Uw gesprek met Steunpunt</h1>
        <p id="kenmerk"></p>
        <p id="status" role="status" aria-live="polite">Even geduld, uw gesprek wordt geladen.</p>
        <ol id="berichten" aria-label="Berichten"></ol>
        <form id="nieuw" hidden>
          <label for="tekst">Uw bericht aan Steunpunt</label>
          <textarea id="tekst" name="text" rows="6" maxlength="5000" required></textarea>
          <div class="verborgen" aria-hidden="true"><label for="website">Website (niet invullen)</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
          <p><button type="submit">Versturen</button></p>
        </form>
        <p>Bent u nu in gevaar? Bel 112.</p>
        """);

    private static readonly string RatingPage = Page("Beoordeel ons antwoord", RatingScript, """
        <h1>Was ons antwoord duidelijk?</h1>
        <form id="beoordeling">
          <fieldset>
            <legend>Geef een cijfer van 1 (helemaal niet duidelijk) tot en met 5 (heel duidelijk)</legend>
            <label><input type="radio" name="score" value="1"> 1</label>
            <label><input type="radio" name="score" value="2"> 2</label>
            <label><input type="radio" name="score" value="3"> 3</label>
            <label><input type="radio" name="score" value="4"> 4</label>
            <label><input type="radio" name="score" value="5"> 5</label>
          </fieldset>
          <p><label for="comment">Toelichting (mag leeg blijven)</label><br><textarea id="comment" name="comment" rows="4" maxlength="1000"></textarea></p>
          <p><button type="submit">Versturen</button></p>
        </form>
        <p id="status" role="status" aria-live="polite"></p>
        """);

    public static void Map(WebApplication app)
    {
        app.MapGet(ContinuePath, (HttpContext context) => Serve(context, ContinuePage, ContinueScript));
        app.MapGet(RatingPath, (HttpContext context) => Serve(context, RatingPage, RatingScript));
    }

    private static IResult Serve(HttpContext context, string page, string script)
    {
        var headers = context.Response.Headers;
        // Its own policy, for the inline script and style; the host adds the rest (SecurityHeaders: no-store, no-referrer, nosniff).
        headers.ContentSecurityPolicy = $"default-src 'none'; script-src '{Sha256(script)}'; style-src '{Sha256(Style)}'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private static string Page(string title, string script, string body) => $"""
        <!doctype html>
        <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title}</title><style>{Style}</style></head>
        <body><a class="weg" href="https://www.google.nl/">Snel weg</a><main>
        {body}
        </main><script>{script}</script></body></html>
        """;

    private static string Sha256(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
