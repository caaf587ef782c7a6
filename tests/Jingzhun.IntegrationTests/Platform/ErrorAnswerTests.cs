using System.Net;
using Jingzhun.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// An unexpected failure answers 500 with a Chinese title (not the exception handler's English sentence); the tests' host
/// names the exception in the answer's detail, so a failure met once in CI says what it was.
/// </summary>
public abstract class ErrorAnswerTests(TestApp app) : ApiTests(app)
{
    /// <summary>A path that throws, behind the app's own middleware (its exception handler included).</summary>
    private sealed class Boom : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => a =>
        {
            next(a);
            a.Map("/__boom", b => b.Run(_ => throw new InvalidOperationException("测试用的意外错误")));
        };
    }

    [DbFact]
    public async Task An_unexpected_failure_answers_500_in_Chinese_naming_the_exception_to_the_tests()
    {
        using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new Boom())));
        using var c = app.CreateClient();
        var r = await c.GetAsync("/__boom");
        var body = await Problem(r, HttpStatusCode.InternalServerError);
        Assert.Equal("服务器内部错误，请稍后重试或联系管理员", body["title"]!.GetValue<string>());
        Assert.Contains("InvalidOperationException: 测试用的意外错误", body["detail"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteErrorAnswerTests(SqliteApp app) : ErrorAnswerTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresErrorAnswerTests(PostgresApp app) : ErrorAnswerTests(app);
