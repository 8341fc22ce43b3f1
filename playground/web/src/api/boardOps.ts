// Board sharing: who a board is shared with and at what level, share, change, remove.
// Board, gallery and image documents that predate sharing stay in ops.ts.
import { graphql } from "../gql";

export const BoardSharesQuery = graphql(`
  query BoardShares($id: ID!) {
    board(id: $id) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`);

export const ShareBoardMutation = graphql(`
  mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {
    shareBoard(boardId: $boardId, userId: $userId, access: $access) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`);

export const UnshareBoardMutation = graphql(`
  mutation UnshareBoard($boardId: ID!, $userId: ID!) {
    unshareBoard(boardId: $boardId, userId: $userId) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`);

/** Site admins only (users is FORBIDDEN for others): resolves an email to a user id. */
export const ShareDirectoryQuery = graphql(`
  query ShareDirectory {
    users { id displayName email isActive }
  }
`);
