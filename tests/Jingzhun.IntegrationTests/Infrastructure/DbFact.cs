using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Jingzhun.IntegrationTests.Infrastructure;

/// <summary>
/// A test that runs against the database its class is built on (SQLite, or the PostgreSQL server named by
/// JINGZHUN_TEST_PG): when that database is not available here the test is reported skipped with the reason, without a
/// check in its body. The database is the one the test class's constructor takes (<see cref="SqliteApp"/> or <see cref="PostgresApp"/>).
/// </summary>
[XunitTestCaseDiscoverer("Jingzhun.IntegrationTests.Infrastructure.DbFactDiscoverer", "Jingzhun.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;

/// <summary>A theory on the database its class is built on (see <see cref="DbFactAttribute"/>).</summary>
[XunitTestCaseDiscoverer("Jingzhun.IntegrationTests.Infrastructure.DbTheoryDiscoverer", "Jingzhun.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbTheoryAttribute : TheoryAttribute;

/// <summary>Marks a test class that runs on PostgreSQL without taking a <see cref="PostgresApp"/> (it starts its own servers).</summary>
public interface IRunsOnPostgres;

internal static class TestDatabases
{
    /// <summary>Why the class's database cannot be used here; null when it can.</summary>
    public static string? SkipReason(ITestMethod method)
    {
        var type = method.TestClass.Class.ToRuntimeType();
        var app = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .FirstOrDefault(t => typeof(TestApp).IsAssignableFrom(t));
        var postgres = app is not null ? typeof(PostgresApp).IsAssignableFrom(app) : typeof(IRunsOnPostgres).IsAssignableFrom(type);
        return postgres ? PostgresApp.Unavailable.Value : null;
    }
}

/// <summary>A skipped case when the database is missing; otherwise a case that may still skip itself with <c>Skip.If</c> (and says why).</summary>
public sealed class DbFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        TestDatabases.SkipReason(method) is { } reason
            ? new SkippedTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)
            : new SkippableFactTestCase([typeof(Xunit.SkipException).FullName!], DiagnosticMessageSink, options.MethodDisplayOrDefault(),
                options.MethodDisplayOptionsOrDefault(), method);
}

public sealed class DbTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute) =>
        TestDatabases.SkipReason(method) is { } reason
            ? [new SkippedTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)]
            : base.Discover(options, method, attribute);
}

/// <summary>A test case reported skipped with the reason its database is not available.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer", error: true)]
    public SkippedTestCase() { }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod method, string reason)
        : base(sink, display, displayOptions, method) => _reason = reason;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("Reason");
        base.Deserialize(data);
    }
}
