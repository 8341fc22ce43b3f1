// Every operation the UI sends. `npm run codegen` validates them against
// schema/schema.graphql and writes their types to src/gql/. Keep the heaviest ones in
// step with playground/ui-operations.graphql (the query-cost budget is sized on it).
import { graphql } from "../gql";

export const SetupStatusQuery = graphql(`
  query SetupStatus {
    setupStatus { setupRequired multiuserEnabled passwordPolicy }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me { id displayName email isAdmin }
  }
`);

export const SetupMutation = graphql(`
  mutation Setup($input: SetupInput!) {
    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout { logout }
`);

export const LogoutEverywhereMutation = graphql(`
  mutation LogoutEverywhere { logoutEverywhere }
`);

export const GenerateFormQuery = graphql(`
  query GenerateForm {
    models { key name type base description isDefault defaults }
    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`);

export const EnqueueMutation = graphql(`
  mutation Enqueue($input: EnqueueInput!) {
    enqueue(input: $input) {
      batchId
      items {
        id batchId status cost createdAt startedAt completedAt isMine ownerName error position
        estimatedStartAt
        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
      }
    }
  }
`);

export const QueuePageQuery = graphql(`
  query QueuePage {
    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
    running: queueItems(status: IN_PROGRESS, first: 10) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
    pending: queueItems(status: PENDING, first: 100) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`);

export const QueueEventsSubscription = graphql(`
  subscription QueueEvents($since: String) {
    queueEvents(since: $since) {
      __typename
      ... on QueueItemStatusChanged {
        cursor
        item {
          id batchId status cost createdAt startedAt completedAt isMine ownerName error position
          estimatedStartAt
          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
        }
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on BatchEnqueued {
        cursor batchId itemCount
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on QueueCleared {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on ProcessorStateChanged {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
    }
  }
`);

export const ProgressSubscription = graphql(`
  subscription Progress {
    generationProgress { queueItemId batchId step totalSteps percentage preview }
  }
`);

export const ImageAddedSubscription = graphql(`
  subscription ImageAdded {
    imageAdded {
      image {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`);

export const CancelItemMutation = graphql(`
  mutation CancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`);

export const RetryItemsMutation = graphql(`
  mutation RetryItems($ids: [ID!]!) {
    retryQueueItems(ids: $ids) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`);

export const ClearQueueMutation = graphql(`
  mutation ClearQueue { clearQueue }
`);

// One page of the image grid: the gallery's first load and every page after it.
export const ImagePageFragment = graphql(`
  fragment ImagePage on ImageConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`);

export const GalleryPageQuery = graphql(`
  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    boards(first: 100) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      ...ImagePage
    }
  }
`);

export const ImagesPageQuery = graphql(`
  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      ...ImagePage
    }
  }
`);

export const ImageDetailQuery = graphql(`
  query ImageDetail($id: ID!) {
    image(id: $id) {
      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name myAccess }
    }
  }
`);

export const UpdateImageMutation = graphql(`
  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {
      id starred board { id name myAccess }
    }
  }
`);

export const DeleteImagesMutation = graphql(`
  mutation DeleteImages($ids: [ID!]!) {
    deleteImages(ids: $ids)
  }
`);

export const BoardsQuery = graphql(`
  query Boards {
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`);

export const CreateBoardMutation = graphql(`
  mutation CreateBoard($name: String!) {
    createBoard(name: $name) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`);

export const UpdateBoardMutation = graphql(`
  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`);

export const DeleteBoardMutation = graphql(`
  mutation DeleteBoard($id: ID!) {
    deleteBoard(id: $id)
  }
`);

export const ProfilePageQuery = graphql(`
  query ProfilePage {
    me { id displayName email isAdmin createdAt lastLoginAt }
    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }
    apiTokens { id name scopes createdAt expiresAt lastUsedAt }
  }
`);

export const UpdateMeMutation = graphql(`
  mutation UpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) { id displayName email isAdmin }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
      token
      apiToken { id name scopes createdAt expiresAt lastUsedAt }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }
`);

export const AdminUsersPageQuery = graphql(`
  query AdminUsersPage {
    users {
      id displayName email isAdmin isActive createdAt lastLoginAt
      stats { boardCount imageCount storageBytes pendingJobs }
      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }
  }
`);

export const DeleteUserMutation = graphql(`
  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }
`);

export const UnlockUserMutation = graphql(`
  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }
`);
