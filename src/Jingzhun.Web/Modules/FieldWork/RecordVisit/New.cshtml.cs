using System.Globalization;
using Jingzhun.Web.Modules.FieldWork.ManagePairings;
using Jingzhun.Web.Modules.FieldWork.UploadPhotos;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.RecordVisit;

/// <summary>
/// 登记走访 on the web: photos through the same upload as /api/v1/sync/photos, the visit through the same handler as
/// POST /api/v1/visits. The client id is made when the form is shown, so a double submit stores one visit.
/// </summary>
[Authorize(Permissions.RegistryEdit)]
public sealed class NewModel(RecordVisitHandler visits, UploadVisitPhotoHandler photos, GetHouseholdHandler households, FieldWorkAccess access,
    Platform.Policies.PolicyStore policies, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "household")] public long? HouseholdId { get; set; }
    [BindProperty] public string ClientId { get; set; } = Guid.NewGuid().ToString("N");
    [BindProperty] public int BaseVersion { get; set; }
    [BindProperty] public string? Kind { get; set; } = nameof(VisitKind.Monthly);
    [BindProperty] public string? VisitedAtLocal { get; set; }
    [BindProperty] public long? CadreId { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];
    [BindProperty] public bool? WaterPiped { get; set; }
    [BindProperty] public bool? WaterQualityPassed { get; set; }
    [BindProperty] public bool? HasElectricity { get; set; }
    [BindProperty] public bool? HasBroadband { get; set; }
    [BindProperty] public bool? HasSanitaryToilet { get; set; }
    [BindProperty] public bool? FoodSecure { get; set; }
    [BindProperty] public bool? ClothingSecure { get; set; }
    [BindProperty] public HousingGrade? HousingGrade { get; set; }
    [BindProperty] public string? ProblemDimension { get; set; }
    [BindProperty] public string? ProblemText { get; set; }
    [BindProperty] public string? LeadText { get; set; }
    /// <summary>户主签字 drawn on the page's pad (a PNG data URL written by js/signature-form.js) ...</summary>
    [BindProperty] public string? SignatureData { get; set; }
    /// <summary>... or a photo or scan of the paper record the head signed.</summary>
    [BindProperty] public IFormFile? SignatureFile { get; set; }

    /// <summary>The household's county asks for the head's signature on every visit (走访需户主签字).</summary>
    public bool SignatureRequired { get; private set; }

    public HouseholdView? Household { get; private set; }
    public bool CanChooseCadre => !access.IsCadreRole;
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        VisitedAtLocal = ChinaTime.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Household is null) return NotFound();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var photoIds = new List<string>();
        foreach (var (file, i) in Photos.Take(RecordVisitHandler.MaxPhotos + 1).Select((f, i) => (f, i)))
        {
            var up = await photos.HandleAsync(file, $"{ClientId}-p{i}", ct);
            if (!up.Succeeded) return Fail(up.Failure!.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? up.Failure.Message, "photoIds");
            photoIds.Add(up.Value.View.Id);
        }
        string? signatureId = null;
        if (await SignatureAsync(ct) is { } signature)
        {
            var up = await photos.HandleAsync(signature.File, $"{ClientId}-s{signature.Key}", ct);
            if (!up.Succeeded) return Fail(up.Failure!.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? up.Failure.Message, "signatureId");
            signatureId = up.Value.View.Id;
        }
        else if (!string.IsNullOrEmpty(SignatureData)) return Fail("签字图片无法读取，请清除后重新签字", "signatureId");
        DateTime? visitedAt = DateTime.TryParseExact(VisitedAtLocal, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc) : null;
        var facts = new VisitFacts
        {
            WaterPiped = WaterPiped, WaterQualityPassed = WaterQualityPassed, HasElectricity = HasElectricity, HasBroadband = HasBroadband,
            HasSanitaryToilet = HasSanitaryToilet, FoodSecure = FoodSecure, ClothingSecure = ClothingSecure, HousingGrade = HousingGrade,
        };
        var update = facts == new VisitFacts() ? null : new HouseholdUpdate(BaseVersion, facts, null, null);
        var findings = new List<VisitFinding>();
        if (!string.IsNullOrWhiteSpace(ProblemDimension) || !string.IsNullOrWhiteSpace(ProblemText)) findings.Add(new("problem", ProblemDimension, ProblemText));
        if (!string.IsNullOrWhiteSpace(LeadText)) findings.Add(new("lead", null, LeadText));
        var r = await visits.RecordAsync(new VisitInput(ClientId, Household.Id, visitedAt, Kind, null, null, null, Notes, photoIds, update, findings,
            CanChooseCadre ? CadreId : null, signatureId), ct);
        switch (r.Status)
        {
            case VisitStatus.Created or VisitStatus.Duplicate:
                TempData["Message"] = FormErrors.WithWarnings("已保存走访记录", r.Warnings);
                return Redirect($"/fieldwork/visits/{r.VisitId}");
            case VisitStatus.Conflict:
                TempData["Message"] = "已保存走访记录；该户信息在您打开表单后已被他人修改，本次户信息更新未生效，请核对后重新修改户信息";
                return Redirect($"/fieldwork/visits/{r.VisitId}");
            case VisitStatus.NotFound:
                return NotFound();
            default:
                Errors = r.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.OrdinalIgnoreCase);
                Error = FormErrors.FixAndRetry;
                return Page();
        }
    }

    private PageResult Fail(string message, string field)
    {
        Errors[field] = [message];
        Error = message;
        return Page();
    }

    private const string PngDataUrl = "data:image/png;base64,";

    /// <summary>The uploaded paper record, else the pad's drawing; with a key from its content (a resubmit reuses the upload).</summary>
    private async Task<(IFormFile File, string Key)?> SignatureAsync(CancellationToken ct)
    {
        byte[] bytes;
        string name;
        if (SignatureFile is { Length: > 0 } f)
        {
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            (bytes, name) = (buffer.ToArray(), f.FileName);
        }
        else if (SignatureData is { } data && data.StartsWith(PngDataUrl, StringComparison.Ordinal))
        {
            try { bytes = Convert.FromBase64String(data[PngDataUrl.Length..]); }
            catch (FormatException) { return null; }
            name = "signature.png";
        }
        else return null;
        IFormFile file = new FormFile(new MemoryStream(bytes), 0, bytes.Length, nameof(SignatureFile), name);
        return (file, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16]);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (HouseholdId is not { } id) return true;
        var visible = await access.HouseholdsAsync(ct);
        if (!visible.Any(h => h.Id == id)) return false;
        var r = await households.HandleAsync(id, ct);
        Household = r.Value;
        if (Household is not null)
            SignatureRequired = (await policies.InForceAsync<VisitPolicy>(Household.VillageCode, ChinaTime.Today(clock).Year, ct)).SignatureRequired;
        return r.Succeeded;
    }
}
