using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Ast;

namespace Steunpunt.InfoMails.Composing;

/// <summary>
/// The HTML encoder for everything in an HTML mail: it encodes every character that means something in HTML
/// (<c>&lt; &gt; &amp; " '</c> and more), and leaves letters such as é and ë readable.
/// </summary>
public static class MailEncoding
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
}

/// <summary>One block as the layouts see it (<c>block.id</c>, <c>block.title</c>, <c>block.html</c>, <c>block.text</c>, <c>block.rule</c>).</summary>
public sealed record LayoutBlock(string Id, string Title, string Html, string Text, string Rule);

/// <summary>
/// Fluid (Liquid) templates for the mail texts and layouts. Every template is parsed at start and its placeholders are
/// checked against the names its place allows, in every branch, so a typo stops the app instead of leaving a gap in a mail.
/// </summary>
public static class Liquid
{
    private static readonly FluidParser Parser = new();

    /// <summary>For sending: an absent optional value (the name) is empty, so <c>{% if name %}</c> takes its else branch.</summary>
    public static readonly TemplateOptions Lenient = Options(strictVariables: false);

    /// <summary>For the trial render at start: any undefined value or member (say <c>block.titel</c>) is an error.</summary>
    public static readonly TemplateOptions Strict = Options(strictVariables: true);

    private static TemplateOptions Options(bool strictVariables)
    {
        var options = new TemplateOptions { StrictFilters = true, StrictVariables = strictVariables, MaxSteps = 100_000 };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<LayoutBlock>();
        return options;
    }

    /// <summary>Parses a template and checks that it names only <paramref name="allowed"/> (plus its own loop and assigned variables).</summary>
    public static IFluidTemplate Parse(string source, IReadOnlySet<string> allowed, string where)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidDataException($"{where}: not a valid template: {error}");
        }
        var names = new NameCollector();
        names.VisitTemplate(template);
        if (names.Unsupported.Count > 0)
        {
            throw new InvalidDataException($"{where}: the tags {string.Join(", ", names.Unsupported.Order(StringComparer.Ordinal))} are not supported here.");
        }
        var unknown = names.Used.Except(names.Declared).Except(["forloop"]).Except(allowed).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException(
                $"{where}: unknown placeholder{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(n => $"'{n}'"))}" +
                (allowed.Count == 0 ? "; this text takes none." : $"; known: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}."));
        }
        return template;
    }

    public static string Render(IFluidTemplate template, IReadOnlyDictionary<string, object?> values, TextEncoder encoder, TemplateOptions options)
    {
        var context = new TemplateContext(options);
        foreach (var (name, value) in values)
        {
            if (value is not null) context.SetValue(name, value);
        }
        return template.Render(context, encoder);
    }

    /// <summary>Renders a text template to plain text (no encoding): the result is a value that the layout encodes.</summary>
    public static string RenderPlain(IFluidTemplate template, IReadOnlyDictionary<string, object?> values, TemplateOptions options)
        => Render(template, values, NullEncoder.Default, options);

    /// <summary>Every variable a template reads (the first segment of each member expression), and those it declares itself.</summary>
    private sealed class NameCollector : AstVisitor
    {
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Unsupported { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment identifier) Used.Add(identifier.Identifier);
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Declared.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Declared.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Declared.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        // Templates are single files: nothing is read from elsewhere.
        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            Unsupported.Add("include");
            return base.VisitIncludeStatement(includeStatement);
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            Unsupported.Add("render");
            return base.VisitRenderStatement(renderStatement);
        }
    }
}
