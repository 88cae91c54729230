using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Milvus.Local.Server;
using Milvus.Local.Tests.Engine;
using Milvus.Protocol.Api;
using static Milvus.Local.Tests.Security.SecurityTestKit;

namespace Milvus.Local.Tests.Security;

/// <summary>
/// Runs the access matrix through Milvus.Local.Server with every log category at Trace, and looks for each password and
/// authorization token used in the logs, the exception texts and the reply statuses: none may appear.
/// </summary>
public sealed class SecretScanTests
{
    [Fact]
    public void No_password_or_token_reaches_a_log_an_exception_or_a_status()
    {
        var logs = new ConcurrentQueue<string>();
        var texts = new List<string>();
        using (var h = new LocalEngineHarness(EngineTransport.Kestrel, new LocalEngineOptions { AuthorizationEnabled = true }, new LocalServerOptions
        {
            Port = 0, LogLevel = LogLevel.Trace,
            ConfigureLogging = logging => logging.AddProvider(new CapturingLoggerProvider(logs)),
        }))
        {
            AccessMatrixTests.Arrange(h);
            foreach (var identity in AccessMatrixTests.Identities.Where(i => i != AccessMatrixTests.Root))
            {
                var client = h.ClientAs(identity.User is null ? null : B64($"{identity.User}:{identity.Password}"));
                foreach (var c in AccessMatrixTests.Cases)
                {
                    try
                    {
                        texts.Add(c.Call(client, identity.User ?? "").ToString());
                    }
                    catch (Exception e)
                    {
                        texts.Add(e.ToString());
                    }
                }
            }
        }

        // root's password is Milvus's well-known default "Milvus", a word every log line names; its token is scanned instead.
        var secrets = AccessMatrixTests.Identities.Where(i => i.Password is not null)
            .SelectMany(i => i == AccessMatrixTests.Root ? [$"root:{i.Password}", B64($"root:{i.Password}")] : new[] { i.Password!, B64($"{i.User}:{i.Password}") })
            .Concat(["Victim-Pass-1", "Victim-Pass-2", "Newbie-Pass-1", "Changed-Pass-1"]).ToList();
        var haystack = string.Join("\n", logs.Concat(texts));
        Assert.NotEmpty(logs); // the scan would prove nothing without logs
        Assert.Contains("permission deny to reader", haystack);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, haystack);
    }
}
