// Steunpunt in Azure: one resource group with the Function App (Flex Consumption, scale to zero), its storage,
// Azure SignalR Service (Serverless), Azure Communication Services (e-mail and SMS), Application Insights and the
// managed identity they all trust. `azd up` deploys it with main.bicepparam; see the README, "Deploy".
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (the azd environment name); names the resource group and tags everything.')
param environmentName string

@minLength(1)
@description('Azure region for the resource group and the regional resources.')
@metadata({ azd: { type: 'location' } })
param location string

@description('dev or prod: picks the defaults for sizes below.')
param stage ('dev' | 'prod') = 'dev'

@minLength(1)
@description('Browser origins of the website that hosts the widgets, e.g. https://www.example.nl. CORS with credentials for the Function App and SignalR, so explicit origins only: no *.')
param websiteOrigins string[]

@description('Entra ID tenant of the staff app registration. Empty: the tenant of this deployment.')
param staffTenantId string = ''

@minLength(1)
@description('Audience of staff tokens: the client id of the staff API app registration (v2.0 tokens carry it as aud).')
param staffApiAudience string

@description('SMS sender: the E.164 number bought in the Communication Services resource. Empty until one is bought.')
param smsSenderNumber string = ''

@description('Team mailbox that gets the staff notifications someone must act on (waiting too long, failed SMS, parked messages); empty: no such mails.')
param teamMailbox string = ''

@description('Create the Event Grid subscription for SMS events. Only after the code is deployed: Event Grid validates the endpoint by calling it.')
param deployEventSubscriptions bool = false

@description('Where Communication Services keeps data at rest.')
param communicationDataLocation string = 'Europe'

@minValue(40)
@maxValue(1000)
@description('Most instances Flex Consumption may scale out to.')
param maximumInstanceCount int = stage == 'prod' ? 100 : 40

@allowed([512, 2048, 4096])
@description('Memory per instance.')
param instanceMemoryMB int = 2048

@minValue(0)
@description('Warm instances for HTTP (billed while idle). 0 keeps scale to zero.')
param alwaysReadyHttpInstances int = 0

@allowed(['Free_F1', 'Standard_S1', 'Premium_P1'])
@description('SignalR Service tier. Free: 20 connections and 20,000 messages a day, no SLA.')
param signalRSku string = stage == 'prod' ? 'Standard_S1' : 'Free_F1'

@allowed(['westeurope', 'centralus', 'eastus2', 'westus2', 'eastasia'])
@description('Region of the Static Web App that serves the widgets (a few regions only; served from a global edge).')
param widgetsLocation string = 'westeurope'

@allowed(['Standard_LRS', 'Standard_ZRS'])
param storageSku string = stage == 'prod' ? 'Standard_ZRS' : 'Standard_LRS'

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@minValue(1)
@maxValue(365)
@description('Days a contact detail left with a self-test is kept (SelfTests__ContactRetentionDays).')
param selfTestContactRetentionDays int = 30

@minValue(1)
@maxValue(10)
@description('Positive screen at this many yes answers on the trauma screen (SelfTests__Cutoffs__trauma_screen).')
param traumaScreenCutoff int = 6

// Table and queue names, kept equal to StorageNames in the code by a test.
var storageNames = loadJsonContent('storage-names.json')

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'steunpunt'
  stage: stage
}
var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-steunpunt-${resourceToken}'
  logAnalytics: 'log-steunpunt-${resourceToken}'
  applicationInsights: 'appi-steunpunt-${resourceToken}'
  storage: 'st${resourceToken}'
  signalR: 'sigr-steunpunt-${resourceToken}'
  communication: 'acs-steunpunt-${resourceToken}'
  email: 'ecs-steunpunt-${resourceToken}'
  plan: 'plan-steunpunt-${resourceToken}'
  functionApp: 'func-steunpunt-${resourceToken}'
  systemTopic: 'evgt-steunpunt-${resourceToken}'
  widgets: 'stapp-steunpunt-${resourceToken}'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    identityName: identity.outputs.name
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    tables: storageNames.tables
    queues: storageNames.queues
    deploymentContainerName: 'app-package'
    identityName: identity.outputs.name
  }
}

module signalR 'modules/signalr.bicep' = {
  scope: resourceGroup
  name: 'signalr'
  params: {
    name: names.signalR
    location: location
    tags: tags
    skuName: signalRSku
    allowedOrigins: websiteOrigins
    identityName: identity.outputs.name
  }
}

module communication 'modules/communication.bicep' = {
  scope: resourceGroup
  name: 'communication'
  params: {
    communicationServiceName: names.communication
    emailServiceName: names.email
    tags: tags
    dataLocation: communicationDataLocation
    identityName: identity.outputs.name
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: resourceGroup
  name: 'function-app'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    signalRHostName: signalR.outputs.hostName
    communicationHostName: communication.outputs.hostName
    emailSenderDomain: communication.outputs.senderDomain
    websiteOrigins: websiteOrigins
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    staffTenantId: empty(staffTenantId) ? tenant().tenantId : staffTenantId
    staffApiAudience: staffApiAudience
    selfTestContactRetentionDays: selfTestContactRetentionDays
    traumaScreenCutoff: traumaScreenCutoff
    smsSenderNumber: smsSenderNumber
    teamMailbox: teamMailbox
  }
}

module widgets 'modules/static-web-app.bicep' = {
  scope: resourceGroup
  name: 'widgets'
  params: {
    name: names.widgets
    location: widgetsLocation
    tags: tags
    serviceName: 'widgets'
  }
}

module communicationEvents 'modules/communication-events.bicep' = if (deployEventSubscriptions) {
  scope: resourceGroup
  name: 'communication-events'
  params: {
    communicationServiceName: communication.outputs.name
    functionAppName: functionApp.outputs.name
    systemTopicName: names.systemTopic
    tags: tags
  }
}

// azd keeps these in the environment (.azure/<env>/.env). Names and host names only: nothing secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output SIGNALR_HOST_NAME string = signalR.outputs.hostName
output COMMUNICATION_SERVICES_NAME string = communication.outputs.name
output SERVICE_WIDGETS_URI string = 'https://${widgets.outputs.defaultHostName}'
