// Azure SignalR Service in Serverless mode: there is no hub server. The Functions negotiate for clients and push
// through the data-plane REST API with an Entra token; access keys are off.

param name string
param location string
param tags object

@allowed(['Free_F1', 'Standard_S1', 'Premium_P1'])
param skuName string

@description('Browser origins that may connect (the website that hosts the widgets).')
param allowedOrigins string[]

@description('The user-assigned identity of the Function App.')
param identityName string

// SignalR REST API Owner: auth/clientToken/action (the ':generateToken' call behind negotiate) plus hub/*, group/*,
// user/* and clientConnection/* (':send' to hub, group, user and connection; group membership). SignalR App Server
// has none of the send actions (it is for a hub server in Default mode), and SignalR Service Owner is SignalR/*,
// which adds access keys and server connections this app never uses.
var signalRRestApiOwner = 'fd53cd77-2268-407a-8f46-7e7863d0f521'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: skuName
    capacity: 1
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
      {
        // Message logs would carry chat content; connectivity logs are enough to trace a dropped connection.
        flag: 'EnableMessagingLogs'
        value: 'False'
      }
    ]
    cors: {
      allowedOrigins: allowedOrigins
    }
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

resource restApiOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalR.id, identity.id, signalRRestApiOwner)
  scope: signalR
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', signalRRestApiOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = signalR.name
output hostName string = signalR.properties.hostName
