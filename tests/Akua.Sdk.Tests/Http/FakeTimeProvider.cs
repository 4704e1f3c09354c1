namespace Akua.Sdk.Tests.Http;

/// <summary>
/// A manual clock: time moves only when a test advances it, and timers (Task.Delay, timeouts) fire then.
/// Every timer scheduled with a finite due time is recorded in <see cref="ScheduledDelays"/>.
/// </summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<TimeSpan> _scheduledDelays = [];
    private TaskCompletionSource _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset? start = null) =>
        _now = start ?? new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

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

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _now.UtcTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes when at least one timer is pending.</summary>
    public Task WhenTimerScheduled()
    {
        lock (_gate)
        {
            return _timers.Any(t => t.Due is not null) ? Task.CompletedTask : _timerScheduled.Task;
        }
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing the timers that fall due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (FireNext(target))
        {
        }

        lock (_gate)
        {
            if (_now < target)
            {
                _now = target;
            }
        }
    }

    /// <summary>Moves time to the earliest pending timer and fires it. False when no timer is pending.</summary>
    public bool AdvanceToNextTimer() => FireNext(DateTimeOffset.MaxValue);

    private bool FireNext(DateTimeOffset limit)
    {
        FakeTimer? next;
        lock (_gate)
        {
            next = _timers.Where(t => t.Due is { } due && due <= limit).OrderBy(t => t.Due).FirstOrDefault();
            if (next is null)
            {
                return false;
            }

            if (next.Due!.Value > _now)
            {
                _now = next.Due.Value;
            }

            next.Due = next.Period is { } period ? _now + period : null;
        }

        next.Callback(next.State); // outside the lock: callbacks run continuations
        return true;
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
            }

            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.Due = null;
                timer.Period = null;
                return;
            }

            timer.Due = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            _scheduledDelays.Add(dueTime);
            signal = _timerScheduled;
            _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}

internal static class FakeTimeProviderExtensions
{
    /// <summary>
    /// Runs a task to completion by advancing the clock to each timer it waits for: no real sleeping.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task)
    {
        while (!task.IsCompleted)
        {
            var scheduled = time.WhenTimerScheduled();
            var first = await Task.WhenAny(task, scheduled).WaitAsync(TimeSpan.FromSeconds(30));
            if (first == task)
            {
                break;
            }

            time.AdvanceToNextTimer();
        }

        return await task;
    }
}
