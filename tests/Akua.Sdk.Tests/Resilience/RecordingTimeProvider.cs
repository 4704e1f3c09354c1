using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Tests.Resilience;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> that also notes every timer set on it: the resilience tests assert on
/// the delays and timeouts the pipeline chose, and run a call to its end by moving time to each timer it waits for.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    /// <summary>Where the tests' clock starts (FakeTimeProvider's own default is 2000-01-01).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<TimeSpan> _scheduledDelays = [];
    private readonly HashSet<RecordedTimer> _pending = [];
    private TaskCompletionSource _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingTimeProvider()
        : base(DefaultStart)
    {
    }

    /// <summary>The due times of all timers scheduled so far, in order.</summary>
    public IReadOnlyList<TimeSpan> ScheduledDelays
    {
        get
        {
            lock (_gate)
            {
                return [.. _scheduledDelays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordedTimer(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes when at least one timer is pending.</summary>
    public Task WhenTimerScheduled()
    {
        lock (_gate)
        {
            return _pending.Count > 0 ? Task.CompletedTask : _timerScheduled.Task;
        }
    }

    /// <summary>Advances to the earliest pending timer, which fires inside <see cref="FakeTimeProvider.Advance"/>. False when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            due = _pending.Min(t => t.Due);
        }

        var now = GetUtcNow();
        Advance(due > now ? due - now : TimeSpan.Zero);
        return true;
    }

    // Never called with _gate held: FakeTimeProvider may run timer callbacks (which take _gate) under its own lock.
    private void Scheduled(RecordedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        var now = GetUtcNow();
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _pending.Remove(timer);
                return;
            }

            timer.Due = now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            _pending.Add(timer);
            _scheduledDelays.Add(dueTime);
            signal = _timerScheduled;
            _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private sealed class RecordedTimer(RecordingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; set; }

        public void Fired()
        {
            lock (owner._gate)
            {
                if (Period is { } period)
                {
                    Due += period;
                }
                else
                {
                    owner._pending.Remove(this);
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Scheduled(this, dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._pending.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}

internal static class RecordingTimeProviderExtensions
{
    /// <summary>
    /// Runs a task to completion by advancing the clock to each timer it waits for: no real sleeping, and a bounded
    /// number of steps and real wait, so a call that never settles fails instead of hanging.
    /// </summary>
    public static async Task<T> RunAsync<T>(this RecordingTimeProvider time, Task<T> task)
    {
        for (var step = 0; !task.IsCompleted; step++)
        {
            Assert.True(step < 10_000, "the call kept setting timers without completing");
            var first = await Task.WhenAny(task, time.WhenTimerScheduled()).WaitAsync(TimeSpan.FromSeconds(30));
            if (first == task)
            {
                break;
            }

            time.AdvanceToNextTimer();
        }

        return await task;
    }
}
