using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// Refuses the passwords an attacker tries first: those of the shipped common-password list (also with digits or
/// symbols added at the end, like "woaini1314" or "qwertyuiop2026") and those that contain the user name.
/// The length (at least 10) is Identity's own rule, set in <see cref="PlatformModule"/>.
/// </summary>
public sealed class PasswordRulesValidator : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 10;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        if (IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "该密码过于常见，容易被猜中，请换一个更难猜的密码" });
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsAccountName", Description = "密码不能包含用户名" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password)
    {
        var p = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(p)) return true;
        // A common word with a year, "123" or "!" added is still a common password.
        var stem = p.TrimEnd("0123456789!@#$%^&*.-_+=?~".ToCharArray());
        return stem.Length >= 4 && stem != p && Common.Value.Contains(stem);
    }

    private static HashSet<string> Load()
    {
        using var s = typeof(PasswordRulesValidator).Assembly.GetManifestResourceStream("auth/common-passwords.txt")
            ?? throw new InvalidOperationException("缺少常见密码列表 auth/common-passwords.txt");
        using var r = new StreamReader(s);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
