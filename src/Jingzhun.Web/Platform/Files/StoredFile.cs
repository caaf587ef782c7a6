using System.Security.Cryptography;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Platform.Files;

/// <summary>An uploaded photo (evidence, visit photos). Visible within the uploader's region subtree.</summary>
[Platform.Data.RegionScoped]
public sealed class StoredFile : Platform.Auditing.IAudited
{
    public string Id { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id, null, RegionCode, $"上传照片 {FileName}（{Size / 1024} KB）");
}

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.Property(f => f.Id).HasMaxLength(32);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(50);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.RegionCode).HasMaxLength(12);
        builder.Property(f => f.CreatedBy).HasMaxLength(64);
        builder.HasIndex(f => f.Sha256);
    }
}

public sealed record StoredFileView(string Id, string FileName, string ContentType, long Size, string Url);

/// <summary>
/// Photos on local disk under Files:Path (default data/files). The type is decided by the content (JPEG or PNG
/// signature), never by the file name; size is limited (Files:MaxBytes, default 10 MB).
/// </summary>
public sealed class FileStore(AppDbContext db, IConfiguration config, IWebHostEnvironment env, CurrentUser user, TimeProvider clock)
{
    private string Root => Path.GetFullPath(config["Files:Path"] ?? "data/files", env.ContentRootPath);
    private long MaxBytes => config.GetValue(UploadLimits.FilesKey, UploadLimits.FilesDefault);

    public static string? SniffImage(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "image/jpeg"
        : head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;

    public async Task<Outcome<StoredFileView>> SaveAsync(IFormFile file, CancellationToken ct)
    {
        var read = await ReadImageAsync(file, ct);
        if (!read.Succeeded) return read.Failure!;
        var stored = await StoreAsync(read.Value!, file.FileName, ct);
        await db.SaveChangesAsync(ct);
        return View(stored);
    }

    /// <summary>The upload's bytes when they are a JPEG or PNG (by content) within the size limit.</summary>
    public async Task<Outcome<byte[]>> ReadImageAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0) return Failure.Invalid("file", "文件为空");
        if (file.Length > MaxBytes) return Failure.Invalid("file", $"照片不能超过 {MaxBytes / 1024 / 1024} MB");
        await using var input = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (SniffImage(bytes) is null) return Failure.Invalid("file", "只能上传 JPEG 或 PNG 格式的照片");
        return bytes;
    }

    /// <summary>Writes checked image bytes to disk and adds their record; the caller saves the context.</summary>
    public async Task<StoredFile> StoreAsync(byte[] bytes, string? fileName, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow().UtcDateTime;
        var dir = Path.Combine(Root, now.ToString("yyyyMM"));
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, id), bytes, ct);
        var stored = new StoredFile
        {
            Id = id, FileName = StoredFileNames.Normalize(fileName, id), ContentType = SniffImage(bytes) ?? "application/octet-stream",
            Size = bytes.Length, Sha256 = Convert.ToHexString(SHA256.HashData(bytes)), RegionCode = user.RegionCode ?? "",
            CreatedBy = user.UserName, CreatedAt = now,
        };
        db.Files.Add(stored);
        return stored;
    }

    private IQueryable<StoredFile> Visible()
    {
        var scope = user.RegionCode ?? "~";
        // A file uploaded in a village is visible to that village and every level above it.
        return db.Files.AsNoTracking().Where(f => f.RegionCode.StartsWith(scope));
    }

    /// <summary>
    /// Stores the photos a form uploads (at most <paramref name="max"/>): their ids, or a failure on the field
    /// <c>photoIds</c> naming the first file refused (those before it stay stored, unreferenced, as any upload would).
    /// </summary>
    public async Task<Outcome<List<string>>> SavePhotosAsync(IReadOnlyList<IFormFile> photos, int max, string what, CancellationToken ct)
    {
        if (photos.Count > max) return Failure.Invalid("photoIds", $"{what}最多{max}张");
        var ids = new List<string>();
        foreach (var f in photos)
        {
            var saved = await SaveAsync(f, ct);
            if (!saved.Succeeded) return Failure.Invalid("photoIds", $"{f.FileName}：{saved.Failure!.Message}");
            ids.Add(saved.Value!.Id);
        }
        return ids;
    }

    /// <summary>
    /// The photos a request names (blank and repeated ids dropped): at most <paramref name="max"/>, each a stored JPEG or
    /// PNG the user may see; else a failure on the field <c>photoIds</c>.
    /// </summary>
    public async Task<Outcome<List<string>>> CheckPhotosAsync(IReadOnlyList<string>? ids, int max, string what, CancellationToken ct)
    {
        var photos = ids?.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).Distinct().ToList() ?? [];
        if (photos.Count > max) return Failure.Invalid("photoIds", $"{what}最多{max}张");
        if (photos.Count == 0) return photos;
        var found = await FindAsync(photos, ct);
        if (found.Count != photos.Count) return Failure.Invalid("photoIds", $"{what}不存在或无权使用，请重新上传");
        if (found.FirstOrDefault(f => f.ContentType is not ("image/jpeg" or "image/png")) is { } other)
            return Failure.Invalid("photoIds", $"{what}须为JPEG或PNG图片：{other.FileName}");
        return photos;
    }

    public async Task<IReadOnlyList<StoredFileView>> FindAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        (await Visible().Where(f => ids.Contains(f.Id)).ToListAsync(ct)).Select(View).ToList();

    /// <summary>
    /// The file, never sniffed by the browser (nosniff) and with a Content-Disposition: inline for the images we
    /// recognised by content, attachment for anything else.
    /// </summary>
    public async Task<IResult> OpenAsync(string id, HttpResponse response, CancellationToken ct)
    {
        var f = await Visible().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return Failure.NotFound("该文件").ToProblem();
        var path = Path.Combine(Root, f.CreatedAt.ToString("yyyyMM"), f.Id);
        if (!File.Exists(path)) return Failure.NotFound("该文件").ToProblem();
        var image = f.ContentType is "image/jpeg" or "image/png";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = StoredFileNames.ContentDisposition(f.FileName, inline: image);
        return TypedResults.PhysicalFile(path, image ? f.ContentType : "application/octet-stream");
    }

    public static StoredFileView View(StoredFile f) => new(f.Id, f.FileName, f.ContentType, f.Size, $"/api/v1/files/{f.Id}");

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/files").WithTags("文件").RequireAuthorization();
        // Uploading is a write: it needs one of the write permissions (the read-only auditor holds none).
        g.MapPost("", async (IFormFile file, FileStore store, CancellationToken ct) =>
                (await store.SaveAsync(file, ct)).ToHttp(v => TypedResults.Created(v.Url, v)))
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.Permission, Permissions.Write))
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.FilesKey, UploadLimits.FilesDefault, "照片")
            .WithName("UploadFile").WithSummary("上传照片（JPEG/PNG，按内容识别类型）");
        g.MapGet("/{id}", async (string id, FileStore store, HttpResponse response, CancellationToken ct) => await store.OpenAsync(id, response, ct))
            .ProducesFile("image/jpeg", "image/png", "application/octet-stream").WithName("GetFile").WithSummary("下载照片（本辖区）");
    }
}
