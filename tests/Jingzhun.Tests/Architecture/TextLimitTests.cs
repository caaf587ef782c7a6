using System.Reflection;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Tests.Architecture;

/// <summary>
/// A request's text limit (<see cref="TextAttribute"/>) is what its column holds: a limit above the column would let
/// PostgreSQL refuse the save (a 500), one below it would refuse what the database takes.
/// </summary>
public sealed class TextLimitTests
{
    private static readonly List<(string Where, PropertyInfo Property, TextAttribute Limit)> Declared =
        typeof(TextAttribute).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(p => (Where: $"{p.DeclaringType!.Name}.{p.Name}", Property: p, Limit: p.GetCustomAttribute<TextAttribute>()!))
            .Where(x => x.Limit is not null)
            .ToList();

    [Fact]
    public void Every_text_limit_that_names_a_column_equals_the_column_s_max_length()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteAppDbContext(options, UnscopedRegion.Instance, SystemActor.Instance, TimeProvider.System);
        var wrong = new List<string>();
        foreach (var (where, _, limit) in Declared.Where(d => d.Limit.Entity is not null))
        {
            var column = db.Model.FindEntityType(limit.Entity!)?.FindProperty(limit.Column!);
            if (column is null) wrong.Add($"{where}: {limit.Entity!.Name}.{limit.Column} is not a mapped property");
            else if (column.GetMaxLength() != limit.Length)
                wrong.Add($"{where}: [Text({limit.Length})] but {limit.Entity!.Name}.{limit.Column} holds {column.GetMaxLength()?.ToString() ?? "unlimited"}");
        }
        Assert.True(Declared.Count(d => d.Limit.Entity is not null) > 40, "the request records declare their columns");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Text_limits_are_declared_on_text_with_a_chinese_message_naming_the_field()
    {
        var wrong = Declared.Where(d => d.Property.PropertyType != typeof(string)).Select(d => $"{d.Where}: [Text] on a {d.Property.PropertyType.Name}")
            .Concat(Declared.Where(d => d.Limit.ErrorMessage != $"{d.Limit.Label}不能超过{d.Limit.Length}个字" || d.Limit.Length <= 0)
                .Select(d => $"{d.Where}: message “{d.Limit.ErrorMessage}”"))
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void A_text_one_character_over_its_limit_is_refused_naming_the_field_nested_records_and_lists_included()
    {
        var request = new Jingzhun.Web.Modules.FieldWork.ReviewMeetings.HoldMeetingRequest("500151101", null, new string('人', 1000), null,
        [
            new(null, null, "问题", "意见", "干部", false),
            new(null, null, new string('题', 501), "意见", new string('单', 100), false),
        ]);
        var failure = TextLimits.Check(request);
        Assert.NotNull(failure);
        Assert.Equal(FailureKind.Invalid, failure.Kind);
        var error = Assert.Single(failure.Errors!);
        Assert.Equal("items[1].subject", error.Key);
        Assert.Equal("问题描述不能超过500个字", Assert.Single(error.Value));
        Assert.Null(TextLimits.Check(request with { Items = [request.Items![0]] }));
    }
}
