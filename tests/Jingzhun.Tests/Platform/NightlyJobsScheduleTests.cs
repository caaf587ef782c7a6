using Jingzhun.Web.Platform.Jobs;
using Microsoft.Extensions.Configuration;

namespace Jingzhun.Tests.Platform;

/// <summary>每晚自动任务's time: Beijing time, 02:00 by default, "off" for never, a bad value refused in Chinese.</summary>
public sealed class NightlyJobsScheduleTests
{
    private static IConfiguration Config(string? at) =>
        new ConfigurationBuilder().AddInMemoryCollection(at is null ? [] : [new("Jobs:NightlyAt", at)]).Build();

    [Fact]
    public void The_time_is_two_oclock_unless_configured_and_off_means_never()
    {
        Assert.Equal(new TimeOnly(2, 0), NightlyJobs.At(Config(null)));
        Assert.Equal(new TimeOnly(3, 30), NightlyJobs.At(Config("03:30")));
        Assert.Null(NightlyJobs.At(Config("off")));
        Assert.Null(NightlyJobs.At(Config("")));
        Assert.Contains("Jobs:NightlyAt", Assert.Throws<InvalidOperationException>(() => NightlyJobs.At(Config("25:00"))).Message);
    }

    [Theory]
    [InlineData("2026-12-06T17:59:59Z", "2026-12-06T18:00:00Z")] // just before 02:00 Beijing: tonight
    [InlineData("2026-12-06T18:00:00Z", "2026-12-07T18:00:00Z")] // at 02:00: the next night
    [InlineData("2026-12-06T18:00:01Z", "2026-12-07T18:00:00Z")] // just after
    public void The_next_run_is_the_next_two_oclock_in_Beijing(string now, string next) =>
        Assert.Equal(DateTime.Parse(next, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            NightlyJobs.NextRun(DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal), new TimeOnly(2, 0)));
}
