using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Akua.Sdk.Testing.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_go_to_the_logger_factory_given()
    {
        using var provider = new FakeLoggerProvider();
        using var factory = new LoggerFactory([provider]);
        await using (var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { LoggerFactory = factory }))
        {
            using var api = new Api(emulator);
            await api.Get("products");
        }

        Assert.NotEmpty(provider.Collector.GetSnapshot().Select(r => r.Category));
    }
}
