using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Platform.Policies;

/// <summary>A policy table as the admin page sees it: what it is, its fields, and its rows as text.</summary>
public interface IPolicyTable
{
    /// <summary>Its name in URLs, e.g. "monitoring" (/admin/policies/monitoring).</summary>
    string Key { get; }
    /// <summary>"防返贫监测标准".</summary>
    string Title { get; }
    /// <summary>What the values decide, for the page.</summary>
    string Description { get; }
    /// <summary>What the row for everywhere is called: "全国底线", "默认值".</summary>
    string DefaultName { get; }
    PolicyLevel Level { get; }
    int FirstYear { get; }
    /// <summary>The message for a year before <see cref="FirstYear"/> or after 2100.</summary>
    string YearMessage { get; }
    Type RowType { get; }
    /// <summary>Whether the values are set anew each year (防返贫监测范围): the page then names the places whose latest
    /// row is carried forward into the current year.</summary>
    bool SetEachYear => false;
    IReadOnlyList<PolicyField> Fields { get; }
    /// <summary>A field's Chinese name with its unit, e.g. for a change in the history; null for the place and year.</summary>
    string? Heading(string field) => Fields.FirstOrDefault(f => f.Name == field)?.Heading;

    Task<IReadOnlyList<PolicyRowText>> RowsAsync(PolicyStore store, CancellationToken ct);
    /// <summary>The values in force for a place ("" = everywhere) and year, as the form starts from them.</summary>
    Task<PolicyRowText> InForceAsync(PolicyStore store, string code, int year, CancellationToken ct);
    /// <summary>Saves a row from a form (field name → typed text); a failure names the fields.</summary>
    Task<Outcome<PolicyRowText>> SaveAsync(PolicyStore store, string? place, int year, IReadOnlyDictionary<string, string?> form, int? version,
        CancellationToken ct);
    void MapApi(IEndpointRouteBuilder api);
}

/// <summary>A table's rows of type <typeparamref name="TRow"/>: the defaults seeded at first start and the values used where no row applies.</summary>
public interface IPolicyTable<TRow> : IPolicyTable where TRow : PolicyRow
{
    IEnumerable<TRow> Defaults();
    TRow Fallback(int year);
}

/// <summary>A row as text: its place ("" = everywhere), year and values by field name.</summary>
public sealed record PolicyRowText(string Code, int Year, IReadOnlyDictionary<string, string> Values, int Version = 0);

/// <summary>The table's API: GET <c>Route</c> (with <c>ViewPermission</c>) lists it, PUT <c>Route/{place}/{year}</c> (policy.edit) sets a row.</summary>
public sealed record PolicyApi(string Route, string Tag, string ViewPermission, string ListSummary, string SaveSummary);

/// <summary>The JSON of a row of a province table.</summary>
public sealed record ProvincePolicyView<TValues>(string ProvinceCode, int Year, TValues Values, int Version);

/// <summary>The JSON of a row of a county table.</summary>
public sealed record CountyPolicyView<TValues>(string CountyCode, int Year, TValues Values, int Version);

/// <summary>
/// A module's policy table, declared once: its entity <typeparamref name="TRow"/>, the values a user sets
/// (<typeparamref name="TValues"/>, a record whose properties carry <see cref="PolicyFieldAttribute"/> and match the
/// entity's), their rules (an <c>IValidator&lt;TValues&gt;</c>), the defaults, and the JSON of a row. Saving,
/// looking up, listing, auditing, the history and the admin page are <see cref="PolicyStore"/>'s, the same for every
/// table. Register with <c>services.AddPolicyTable&lt;T&gt;()</c> and map with <c>api.MapPolicyTable&lt;T&gt;()</c>.
/// </summary>
public abstract class PolicyTable<TRow, TValues, TView> : IPolicyTable<TRow> where TRow : PolicyRow, new() where TValues : notnull
{
    public abstract string Key { get; }
    public abstract string Title { get; }
    public abstract string Description { get; }
    public abstract string DefaultName { get; }
    public abstract int FirstYear { get; }
    public abstract PolicyApi Api { get; }
    public virtual string YearMessage => "年度无效";
    public virtual bool SetEachYear => false;

    public PolicyLevel Level { get; } = PolicyLevel.Of(typeof(TRow));
    public Type RowType => typeof(TRow);
    public IReadOnlyList<PolicyField> Fields => PolicyFields<TValues>.All;

    /// <summary>The rows written into the empty table at first start.</summary>
    public abstract IEnumerable<TRow> Defaults();
    /// <summary>The values in force where the table holds no row for the place and year.</summary>
    public abstract TRow Fallback(int year);
    public abstract TView View(TRow row);

    /// <summary>Values as they are stored, after they passed the validator (e.g. a list put in order).</summary>
    public virtual TValues Normalize(TValues values) => values;

    /// <summary>A rule across rows (e.g. a province's value against the national floor), after the validator passed.</summary>
    public virtual Task<Failure?> CheckAsync(IQueryable<TRow> rows, string code, int year, TValues values, CancellationToken ct) =>
        Task.FromResult<Failure?>(null);

    protected static TValues ValuesOf(TRow row) => PolicyFields<TValues>.Of(row);

    private static PolicyRowText Text(TRow row) => new(row.RegionCode, row.Year, PolicyFields<TValues>.Text(ValuesOf(row)), row.Version);

    public async Task<IReadOnlyList<PolicyRowText>> RowsAsync(PolicyStore store, CancellationToken ct) =>
        (await store.ListAsync<TRow>(ct)).Select(Text).ToList();

    public async Task<PolicyRowText> InForceAsync(PolicyStore store, string code, int year, CancellationToken ct) =>
        Text(await store.InForceAsync<TRow>(code, year, ct)) with { Code = code, Year = year };

    public async Task<Outcome<PolicyRowText>> SaveAsync(PolicyStore store, string? place, int year, IReadOnlyDictionary<string, string?> form, int? version,
        CancellationToken ct)
    {
        var located = store.Locate(this, place, year);
        var (values, errors) = PolicyFields<TValues>.Parse(form);
        if (located.Failure is { Kind: FailureKind.Invalid, Errors: { } placeErrors })
            foreach (var (k, v) in placeErrors) errors[k] = v;
        if (errors.Count > 0) return new Failure(FailureKind.Invalid, FormErrors.FixAndRetry, errors);
        var saved = await store.SaveAsync(this, place, year, values!, version, ct);
        return saved.Succeeded ? Text(saved.Value!) : saved.Failure!;
    }

    public void MapApi(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup(Api.Route).WithTags(Api.Tag);
        var plural = typeof(TRow).Name.EndsWith('y') ? typeof(TRow).Name[..^1] + "ies" : typeof(TRow).Name + "s";
        g.MapGet("", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok((await store.ListAsync<TRow>(ct)).Select(View).ToList()))
            .RequireAuthorization(Api.ViewPermission)
            .WithName("List" + plural).WithSummary(Api.ListSummary);
        g.MapPut($"/{{{Level.Parameter}}}/{{year:int}}", async (HttpContext http, int year, int? version, TValues values, PolicyStore store, CancellationToken ct) =>
                (await store.SaveAsync(this, http.GetRouteValue(Level.Parameter) as string, year, values, version, ct)).ToHttp(row => TypedResults.Ok(View(row))))
            .RequireAuthorization(Auth.Permissions.PolicyEdit)
            .WithName("Save" + typeof(TRow).Name).WithSummary(Api.SaveSummary);
    }
}
