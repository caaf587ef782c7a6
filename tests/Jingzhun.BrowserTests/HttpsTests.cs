using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Xunit.Abstractions;

namespace Jingzhun.BrowserTests;

/// <summary>
/// The field app needs HTTPS (service worker, install, GPS): the README's Kestrel setup — Kestrel:Endpoints:Https with a
/// certificate file, .pfx with its password or PEM with its key — serves /m/ over TLS with that very certificate.
/// </summary>
public sealed class HttpsTests(ITestOutputHelper output)
{
    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=jingzhun.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task The_app_serves_the_field_app_over_https_with_the_configured_certificate(string format)
    {
        using var cert = SelfSigned();
        var folder = Path.Combine(Path.GetTempPath(), "jingzhun-https-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var settings = new Dictionary<string, string> { ["Demo:Seed"] = "false" };
            if (format == "pfx")
            {
                var pfx = Path.Combine(folder, "jingzhun.pfx");
                await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "test-password"));
                settings["Kestrel:Endpoints:Https:Certificate:Path"] = pfx;
                settings["Kestrel:Endpoints:Https:Certificate:Password"] = "test-password";
            }
            else
            {
                var crt = Path.Combine(folder, "jingzhun.crt");
                var key = Path.Combine(folder, "jingzhun.key");
                await File.WriteAllTextAsync(crt, cert.ExportCertificatePem());
                using (var rsa = cert.GetRSAPrivateKey()!) await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());
                settings["Kestrel:Endpoints:Https:Certificate:Path"] = crt;
                settings["Kestrel:Endpoints:Https:Certificate:KeyPath"] = key;
            }
            var http = $"http://127.0.0.1:{RunningApp.FreePort()}";
            var https = $"https://127.0.0.1:{RunningApp.FreePort()}";
            settings["Kestrel:Endpoints:Http:Url"] = http;
            settings["Kestrel:Endpoints:Https:Url"] = https;
            await using var app = await RunningApp.StartAsync(output, settings, http);

            // Trust exactly this certificate (as a phone trusts the real one): any other is refused.
            X509Certificate2? seen = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, c, _, errors) =>
                {
                    seen = c is null ? null : X509CertificateLoader.LoadCertificate(c.RawData);
                    return c is not null && c.Thumbprint == cert.Thumbprint && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0;
                },
            };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            var shell = await client.GetAsync(https + "/m/");
            Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
            Assert.Equal(cert.Thumbprint, seen?.Thumbprint);
            Assert.Contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">", await shell.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var worker = await client.GetAsync(https + "/m/sw.js");
            Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
            Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
