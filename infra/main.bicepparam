// The parameter file azd uses (it prefers main.bicepparam): every value comes from the azd environment
// (`azd env set NAME value`, kept in .azure/<env>/.env), which azd passes to Bicep as environment variables.
// The same file works without azd: export the variables and run `az deployment sub create` (README, "Deploy").
// main.dev.bicepparam and main.prod.bicepparam extend it with a fixed stage.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')
param stage = readEnvironmentVariable('STEUNPUNT_STAGE', 'dev') == 'prod' ? 'prod' : 'dev'

// Comma-separated, e.g. https://www.example.nl,https://chat.example.nl
param websiteOrigins = filter(map(split(readEnvironmentVariable('WEBSITE_ORIGINS'), ','), origin => trim(origin)), origin => !empty(origin))

param staffTenantId = readEnvironmentVariable('STAFF_TENANT_ID', '')
param staffApiAudience = readEnvironmentVariable('STAFF_API_AUDIENCE')
param smsSenderNumber = readEnvironmentVariable('SMS_SENDER_NUMBER', '')
param teamMailbox = readEnvironmentVariable('STEUNPUNT_TEAM_MAILBOX', '')
param deployEventSubscriptions = toLower(readEnvironmentVariable('DEPLOY_EVENT_SUBSCRIPTIONS', 'false')) == 'true'

// Warm HTTP instances, billed while idle; 0 keeps scale to zero.
param alwaysReadyHttpInstances = int(readEnvironmentVariable('ALWAYS_READY_HTTP_INSTANCES', '0'))
