namespace Jingzhun.Web.Platform.Auth;

/// <summary>Development and the tests are not a real deployment; every other environment is.</summary>
public static class Deployment
{
    public static bool IsReal(string environment) =>
        !string.Equals(environment, Environments.Development, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(environment, "Testing", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The server refused to start; the message tells the operator what to do.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
