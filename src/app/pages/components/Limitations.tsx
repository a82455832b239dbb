import { List, Text } from '@hubspot/ui-extensions'

export interface LimitationsProps {
  readonly sentences: readonly string[]
  readonly testId: string
}

/** What the view's source cannot show, in the source's own words. */
export function Limitations({ sentences, testId }: LimitationsProps) {
  if (sentences.length === 0) return null
  return (
    <List variant="unordered" testId={testId}>
      {sentences.map((sentence, index) => (
        <Text key={index}>{sentence}</Text>
      ))}
    </List>
  )
}
