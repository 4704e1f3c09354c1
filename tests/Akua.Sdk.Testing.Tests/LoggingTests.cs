using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Akua.Sdk.Testing.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_go_to_the_logger_factory_given()
    {
        var provider = new CapturingProvider();
        using var factory = new LoggerFactory([provider]);
        await using (var emulator = await AkuaEmulator.StartAsync(new AkuaEmulatorOptions { LoggerFactory = factory }))
        {
            using var api = new Api(emulator);
            await api.Get("products");
        }

        Assert.NotEmpty(provider.Categories);
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentBag<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Categories.Add(category);
        }
    }
}
