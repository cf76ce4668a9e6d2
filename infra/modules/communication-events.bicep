// SMS delivery reports, inbound SMS and e-mail delivery reports from Communication Services, delivered by Event Grid to the Function
// POST /api/events/communication (authLevel Function). The function key travels in a secret delivery header, so it is
// never part of a URL, and Event Grid does not return it when the subscription is read.
//
// Event Grid validates a webhook when the subscription is created by calling it, and only the deployed code can
// answer. main.bicep therefore deploys this module only when deployEventSubscriptions is true: after the code is
// deployed (see the README, "Deploy").

param communicationServiceName string
param functionAppName string
param systemTopicName string
param tags object

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: 'global'
  tags: tags
  properties: {
    source: communicationService.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

resource smsToFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'sms-to-function'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Communication.SMSDeliveryReportReceived'
        'Microsoft.Communication.SMSReceived'
        'Microsoft.Communication.EmailDeliveryReportReceived'
      ]
    }
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/api/events/communication'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
        deliveryAttributeMappings: [
          {
            name: 'x-functions-key'
            type: 'Static'
            properties: {
              // The host's default function key, read at deployment time; stored by Event Grid as a secret.
              value: listKeys('${functionApp.id}/host/default', '2024-04-01').functionKeys.default
              isSecret: true
            }
          }
        ]
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
