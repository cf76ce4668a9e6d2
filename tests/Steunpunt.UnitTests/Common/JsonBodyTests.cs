using System.Text;
using Microsoft.AspNetCore.Http;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests;

namespace Steunpunt.UnitTests.Common;

public class JsonBodyTests
{
    private static async Task<(int? Status, ProblemBody? Problem, SubmitResponseRequest? Value)> Read(string body, string? contentType = "application/json", bool sendLength = true, int max = JsonBody.DefaultMaxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentType = contentType;
        if (sendLength) context.Request.ContentLength = bytes.Length;
        var result = await JsonBody.ReadAsync<SubmitResponseRequest>(context.Request, max);
        var problem = result.Problem?.Value;
        return (problem?.Status, problem, result.Value);
    }

    [Fact]
    public async Task A_valid_body_is_read()
    {
        var (status, _, value) = await Read("""{"version":1,"answers":{"q1":"yes"}}""");
        Assert.Null(status);
        Assert.Equal("yes", value!.Answers["q1"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Other_content_types_get_415(string? contentType)
        => Assert.Equal(415, (await Read("""{"version":1,"answers":{}}""", contentType)).Status);

    [Fact]
    public async Task Json_with_a_charset_is_fine()
        => Assert.Null((await Read("""{"version":1,"answers":{}}""", "application/json; charset=utf-8")).Status);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Oversized_bodies_get_413_with_or_without_a_length(bool sendLength)
    {
        var big = """{"version":1,"answers":{"q1":"yes"},"source":"website","sessionId":""" + "\"" + new string('x', 5000) + "\"}";
        Assert.Equal(413, (await Read(big, sendLength: sendLength, max: 1024)).Status);
    }

    [Theory]
    [InlineData("", "malformed-json")]
    [InlineData("{\"version\":1,", "malformed-json")]
    [InlineData("[1,2]", "validation")]
    [InlineData("{\"version\":1,\"answers\":{},\"colour\":\"red\"}", "validation")]
    [InlineData("{\"answers\":{}}", "validation")]
    [InlineData("{\"version\":\"one\",\"answers\":{}}", "validation")]
    [InlineData("{\"version\":1,\"answers\":null}", "validation")]
    [InlineData("null", "malformed-json")]
    public async Task Bad_bodies_get_400_saying_what_is_wrong(string body, string kind)
    {
        var (status, problem, _) = await Read(body);
        Assert.Equal(400, status);
        Assert.Equal($"urn:steunpunt:problem:{kind}", problem!.Type);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task An_unknown_field_is_named()
        => Assert.Contains("colour", (await Read("""{"version":1,"answers":{},"colour":"red"}""")).Problem!.Detail);

    [Fact]
    public async Task A_missing_field_is_named()
        => Assert.Contains("version", (await Read("""{"answers":{}}""")).Problem!.Detail);

    [Fact]
    public async Task A_null_where_a_value_is_required_is_named()
        => Assert.Contains("answers", (await Read("""{"version":1,"answers":null}""")).Problem!.Detail, StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData("""{"version":"1","answers":{}}""", "version")]
    [InlineData("""{"version":1,"answers":{},"about":{"isVictim":"true"}}""", "about.isVictim")]
    public async Task A_number_or_boolean_sent_as_a_string_is_refused_naming_the_field(string body, string field)
    {
        var (status, problem, _) = await Read(body);
        Assert.Equal(400, status);
        Assert.Contains($"'{field}'", problem!.Detail);
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_refused_by_every_input_contract()
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes("""{"event":"started","version":"1"}""");
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        var result = await JsonBody.ReadAsync<RecordEventRequest>(context.Request);
        Assert.Contains("'version'", result.Problem!.Value.Detail);
    }
}
