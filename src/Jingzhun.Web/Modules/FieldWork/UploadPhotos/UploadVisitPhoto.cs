using System.Globalization;
using System.Text.RegularExpressions;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.UploadPhotos;

public sealed record VisitPhotoView(string Id, string ClientId, string Sha256, DateTime? TakenAt, bool HadLocation, string Url);

/// <summary>What the EXIF of an upload said: when and where it was taken, and how it is turned.</summary>
public sealed record PhotoExif(DateTime? TakenAtUtc, double? Latitude, double? Longitude, int? Orientation)
{
    public static PhotoExif Read(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> dirs;
        try
        {
            using var stream = new MemoryStream(bytes);
            dirs = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            // A damaged metadata block is no reason to refuse the photo: it is simply read as having none.
            return new PhotoExif(null, null, null, null);
        }
        double? lat = null, lon = null;
        var gps = dirs.OfType<GpsDirectory>().FirstOrDefault()?.GetGeoLocation();
        if (gps is { } g && !g.IsZero) (lat, lon) = (g.Latitude, g.Longitude);
        DateTime? taken = null;
        var sub = dirs.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        if (sub is not null && sub.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
        {
            // EXIF time has no zone unless OffsetTimeOriginal (0x9011) says it; phones here keep China time.
            var offset = sub.GetString(0x9011) is { } o && TimeSpan.TryParse(o.TrimStart('+'), CultureInfo.InvariantCulture, out var span)
                ? (o.StartsWith('-') ? -span : span) : TimeSpan.FromHours(8);
            taken = DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        int? orientation = dirs.OfType<ExifIfd0Directory>().FirstOrDefault() is { } ifd0
            && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var turn) ? turn : null;
        return new PhotoExif(taken, lat, lon, orientation);
    }
}

/// <summary>
/// A visit photo from the field app: checked by content, EXIF time and GPS read, then every location-bearing
/// block stripped before the file is stored (only the stripped file is ever served). Idempotent by client id.
/// </summary>
public sealed partial class UploadVisitPhotoHandler(AppDbContext db, FileStore files, CurrentUser user, TimeProvider clock)
{
    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    public static partial Regex ClientIdPattern();

    public async Task<Outcome<(VisitPhotoView View, bool Created)>> HandleAsync(IFormFile? file, string? clientId, CancellationToken ct)
    {
        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
            return Failure.Invalid("clientId", "客户端编号应为8至64位字母、数字、下划线或连字符");
        if (await FindAsync(clientId, ct) is { } existing) return (existing, false);
        if (file is null) return Failure.Invalid("file", "请选择照片");
        var read = await files.ReadImageAsync(file, ct);
        if (!read.Succeeded) return read.Failure!;
        var original = read.Value!;
        var exif = PhotoExif.Read(original);
        var stripped = PhotoMetadataRule.Strip(original, exif.Orientation);
        if (stripped is null) return Failure.Invalid("file", "照片文件已损坏或格式不完整，请重新拍摄");
        var stored = await files.StoreAsync(stripped, file.FileName, ct);
        var photo = new VisitPhoto
        {
            ClientId = clientId, StoredFileId = stored.Id, Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(original)),
            TakenAt = exif.TakenAtUtc, ExifLatitude = exif.Latitude, ExifLongitude = exif.Longitude,
            RegionCode = user.RegionCode ?? "", UploadedBy = user.UserName, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.VisitPhotos.Add(photo);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same upload retried at the same time: the other request stored it.
            db.ChangeTracker.Clear();
            if (await FindAsync(clientId, ct) is { } raced) return (raced, false);
            throw;
        }
        return (View(photo), true);
    }

    private async Task<VisitPhotoView?> FindAsync(string clientId, CancellationToken ct)
    {
        var p = await db.VisitPhotos.AsNoTracking().FirstOrDefaultAsync(x => x.ClientId == clientId, ct);
        return p is null ? null : View(p);
    }

    public static VisitPhotoView View(VisitPhoto p) =>
        new(p.StoredFileId, p.ClientId, p.Sha256, p.TakenAt, p.ExifLatitude is not null, $"/api/v1/files/{p.StoredFileId}");

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/sync/photos", async (IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? clientId, UploadVisitPhotoHandler h,
                CancellationToken ct) =>
                (await h.HandleAsync(file, clientId, ct)).ToHttp(r => r.Created
                    ? TypedResults.Created(r.View.Url, r.View) : (IResult)TypedResults.Ok(r.View)))
            .RequireAuthorization(Permissions.RegistryEdit)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.FilesKey, UploadLimits.FilesDefault, "照片")
            .WithTags("驻村帮扶").Produces<VisitPhotoView>(StatusCodes.Status201Created).Produces<VisitPhotoView>().WithName("UploadVisitPhoto")
            .WithSummary("上传走访照片（JPEG/PNG，按内容识别；读取拍摄时间和位置后去除全部位置信息；按 clientId 幂等）");
}
