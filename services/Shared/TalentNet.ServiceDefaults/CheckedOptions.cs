using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TalentNet.ServiceDefaults;

/// <summary>Settings that can say what is wrong with them, each problem naming its configuration key.</summary>
public interface ICheckedOptions
{
    IEnumerable<string> Problems();
}

public static class CheckedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to a configuration section and checks it when the host
    /// starts, so a bad setting stops the start with a message that names the key. Endpoints and
    /// consumers take the checked settings directly.
    /// </summary>
    public static IServiceCollection AddCheckedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class, ICheckedOptions
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, Validator<TOptions>>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TOptions>>().Value);
        return services;
    }

    /// <summary>
    /// Binds settings that wiring needs while services are registered (before the host can validate
    /// anything) and refuses them there, with every problem named by its key.
    /// </summary>
    public static TOptions BindChecked<TOptions>(this IConfiguration configuration, string section)
        where TOptions : class, ICheckedOptions, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        ThrowIfInvalid(options, section);
        return options;
    }

    public static void ThrowIfInvalid<TOptions>(TOptions options, string section)
        where TOptions : class, ICheckedOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(TOptions), problems);
        }
    }

    private sealed class Validator<TOptions> : IValidateOptions<TOptions>
        where TOptions : class, ICheckedOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
